global using NetOps.Analyzer.Decoding;
global using NetOps.Capture;
