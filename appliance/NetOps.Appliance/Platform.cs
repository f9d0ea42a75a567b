// The appliance runs on Debian: influxd, snmpsimd, libpcap and Unix file modes are part of it.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
