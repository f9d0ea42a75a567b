using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Session;
using NetOps.Analyzer.Storage;
using NetOps.Store.Schema;
using NetOps.Store.Writing;

namespace NetOps.Appliance.Analysis;

/// <summary>Writes what an analysis session produces through the store writer, as store/schema.yaml declares it: traffic intervals, detections, identity sessions seen on the wire.</summary>
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

    /// <summary>Writes every detection as it is raised (first seen, and again when its confidence rises) as a security_detection event.</summary>
    public static void WriteDetections(AnalysisSession session, StoreWriter writer) =>
        session.Detections.Raised += detection => writer.Write(DetectionPoint.From(detection));

    /// <summary>Writes every RADIUS Accounting-Request the session reads on the wire as an identity_session event with source=capture (none without detectors).</summary>
    public static void WriteIdentitySessions(AnalysisSession session, StoreWriter writer, StoreSchema schema)
    {
        if (session.Radius is not { } radius)
            return;
        var points = new IdentitySessionPoints(schema, IdentitySessionPoints.Capture);
        radius.AccountingRead += record => writer.Write(points.Of(record));
    }
}
