// The analyzer tests synthesize traffic with the appliance lab (Linux only) and run Linux tools.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
