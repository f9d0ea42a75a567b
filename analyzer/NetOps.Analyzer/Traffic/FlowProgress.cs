namespace NetOps.Analyzer.Traffic;

/// <summary>A flow's counters as last reported to the aggregator (or the difference since), and its application.</summary>
internal struct FlowProgress
{
    public long PacketsFromClient;
    public long BytesFromClient;
    public long PacketsFromServer;
    public long BytesFromServer;
    public int Application;

    public readonly bool IsEmpty => PacketsFromClient == 0 && PacketsFromServer == 0;
}
