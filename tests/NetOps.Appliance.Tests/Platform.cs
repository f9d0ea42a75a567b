// The appliance runs on Linux only (libpcap, network namespaces, Debian packages); so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
