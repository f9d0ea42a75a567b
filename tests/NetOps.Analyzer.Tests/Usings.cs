global using NetOps.Analyzer.Decoding;
global using NetOps.Capture;
global using MalformedReason = NetOps.Analyzer.Decoding.MalformedReason;
