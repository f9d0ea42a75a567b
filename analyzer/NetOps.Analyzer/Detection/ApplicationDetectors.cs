using NetOps.Analyzer.Detectors.Dns;
using NetOps.Analyzer.Detectors.Http;
using NetOps.Analyzer.Detectors.Names;
using NetOps.Analyzer.Detectors.Quic;
using NetOps.Analyzer.Detectors.Tls;
using NetOps.Analyzer.Pipeline;

namespace NetOps.Analyzer.Detectors;

/// <summary>
/// The application detectors wired together: DNS, TLS, HTTP and QUIC inspectors feeding one
/// <see cref="ServerNameRegistry"/>, which also names flows from DNS answers and is the pipeline's
/// <see cref="Inspection.IServerNames"/>.
/// </summary>
public sealed class ApplicationDetectors
{
    public ApplicationDetectors(DnsAnswerCache? cache = null)
    {
        Names = new ServerNameRegistry(cache);
        Dns = new DnsInspector(Names);
        Tls = new TlsInspector(Names);
        Http = new HttpInspector(Names);
        Quic = new QuicInspector(Names);
    }

    public ServerNameRegistry Names { get; }

    public DnsInspector Dns { get; }

    public TlsInspector Tls { get; }

    public HttpInspector Http { get; }

    public QuicInspector Quic { get; }

    /// <summary>Adds the inspectors (the registry last, so a flow's own name is already known when it would look in the DNS cache) and sets the pipeline's server names.</summary>
    public void AddTo(AnalysisPipeline pipeline)
    {
        pipeline.AddInspector(Dns);
        pipeline.AddInspector(Tls);
        pipeline.AddInspector(Http);
        pipeline.AddInspector(Quic);
        pipeline.AddInspector(Names);
        pipeline.ServerNames = Names;
    }
}
