using NetOps.Analyzer.Session;
using NetOps.Analyzer.Storage;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Analysis;

/// <summary>Writes every traffic interval an analysis session closes through the store writer, as store/schema.yaml declares it.</summary>
internal static class TrafficStore
{
    /// <param name="capture">The capture tag: the interface, or "import" for files.</param>
    public static void WriteIntervals(AnalysisSession session, StoreWriter writer, StoreSchema schema, string capture)
    {
        var points = new TrafficPoints(schema, capture);
        var capacity = session.Pipeline.Flows.Capacity;
        session.Pipeline.IntervalClosed += interval =>
        {
            foreach (var point in points.Of(interval, capacity))
                writer.Write(point);
        };
    }
}
