using System.Text.Json;
using NetOps.Analyzer.Inspection;
using NetOps.Analyzer.Pipeline;
using NetOps.Analyzer.Traffic;

namespace NetOps.Appliance.Analysis;

/// <summary>
/// The JSON report of <c>netops analyze</c>: the run's totals (packets and wire bytes overall and
/// by IP version, IPv6 share and hosts, flows, malformed by reason, top hosts, applications, DNS,
/// detections) and per-file totals.
/// </summary>
internal static class AnalysisJson
{
    public static void Write(Utf8JsonWriter json, AnalysisResult result, IReadOnlyList<FileOutcome> files, IReadOnlyList<Detection> detections, TimeSpan elapsed)
    {
        var total = result.Total;
        json.WriteStartObject();
        WriteTraffic(json, total.Traffic);
        json.WriteStartObject("ipv6Share");
        json.WriteNumber("bytesPercent", Math.Round(total.Traffic.Ipv6ByteShare * 100, 4));
        json.WriteNumber("packetsPercent", Math.Round(total.Traffic.Ipv6PacketShare * 100, 4));
        json.WriteEndObject();
        json.WriteNumber("ipv6Hosts", total.Ipv6Hosts);
        json.WriteNumber("dualStackHosts", total.DualStackHosts);
        WriteFlows(json, total.Flows, result);
        WriteMalformed(json, total.Malformed, files);
        WriteHosts(json, total.TopHosts);
        WriteApplications(json, total.Applications);
        var dns = total.Dns;
        json.WriteStartObject("dns");
        json.WriteNumber("queries", dns.Queries);
        json.WriteNumber("aQueries", dns.AQueries);
        json.WriteNumber("aaaaQueries", dns.AaaaQueries);
        json.WriteNumber("responses", dns.Responses);
        json.WriteNumber("aaaaAnswered", dns.AaaaAnswered);
        json.WriteNumber("malformed", dns.Unreadable);
        json.WriteEndObject();
        WriteDetections(json, detections);
        json.WriteBoolean("limitReached", total.LimitReached);
        WriteFiles(json, files, result.Sources);
        json.WriteNumber("elapsedSeconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    private static void WriteTraffic(Utf8JsonWriter json, IpVersionTraffic traffic)
    {
        json.WriteNumber("packets", traffic.Total.Packets);
        json.WriteNumber("bytes", traffic.Total.Bytes);
        foreach (var (name, counts) in new[] { ("ipv4", traffic.Ipv4), ("ipv6", traffic.Ipv6), ("nonIp", traffic.NonIp) })
        {
            json.WriteStartObject(name);
            json.WriteNumber("packets", counts.Packets);
            json.WriteNumber("bytes", counts.Bytes);
            json.WriteEndObject();
        }
    }

    private static void WriteFlows(Utf8JsonWriter json, FlowCounts flows, AnalysisResult result)
    {
        json.WriteStartObject("flows");
        json.WriteNumber("total", flows.Started);
        json.WriteNumber("peak", result.PeakFlows);
        json.WriteNumber("capacity", result.FlowCapacity);
        json.WriteStartObject("ended");
        json.WriteNumber("closed", flows.EndedClosed);
        json.WriteNumber("idleTimeout", flows.EndedIdleTimeout);
        json.WriteNumber("activeTimeout", flows.EndedActiveTimeout);
        json.WriteNumber("evicted", flows.EndedEvicted);
        json.WriteNumber("endOfInput", flows.EndedEndOfInput);
        json.WriteEndObject();
        json.WriteStartObject("evicted");
        json.WriteNumber("closedLingerCut", flows.EvictedClosedLingerCut);
        json.WriteNumber("oneWay", flows.EvictedOneWay);
        json.WriteNumber("twoWay", flows.EvictedTwoWay);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Malformed packets (the decoder's reasons) and malformed file records (the readers' reasons), skipped and counted.</summary>
    private static void WriteMalformed(Utf8JsonWriter json, IReadOnlyList<MalformedCount> packets, IReadOnlyList<FileOutcome> files)
    {
        var records = files.Where(f => f.Reader is not null).SelectMany(f => f.Reader!.MalformedByReason())
            .GroupBy(r => r.Key).Select(g => (Reason: g.Key.ToString(), Count: g.Sum(r => r.Value))).ToList();
        json.WriteStartObject("malformed");
        json.WriteNumber("total", packets.Sum(m => m.Packets) + records.Sum(r => r.Count));
        json.WriteStartObject("byReason");
        foreach (var group in packets.GroupBy(m => m.Reason.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal))
            json.WriteNumber(group.Key, group.Sum(m => m.Packets));
        json.WriteEndObject();
        json.WriteStartArray("packets");
        foreach (var m in packets)
        {
            json.WriteStartObject();
            json.WriteString("reason", m.Reason.ToString());
            json.WriteString("layer", m.Layer.ToString());
            json.WriteNumber("packets", m.Packets);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("fileRecords");
        foreach (var (reason, count) in records)
            json.WriteNumber(reason, count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteHosts(Utf8JsonWriter json, IReadOnlyList<HostTraffic> hosts)
    {
        json.WriteStartArray("topHosts");
        foreach (var host in hosts)
        {
            json.WriteStartObject();
            json.WriteString("address", host.AddressText);
            json.WriteNumber("ipVersion", host.IpVersion);
            json.WriteNumber("bytes", host.Bytes);
            json.WriteNumber("packets", host.Packets);
            json.WriteNumber("bytesSent", host.BytesSent);
            json.WriteNumber("bytesReceived", host.BytesReceived);
            json.WriteNumber("packetsSent", host.PacketsSent);
            json.WriteNumber("packetsReceived", host.PacketsReceived);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteApplications(Utf8JsonWriter json, IReadOnlyList<ApplicationTraffic> applications)
    {
        json.WriteStartArray("applications");
        foreach (var application in applications)
        {
            json.WriteStartObject();
            json.WriteString("application", application.Application);
            if (application.ServerName is { } name)
                json.WriteString("serverName", name);
            json.WriteNumber("packets", application.Packets);
            json.WriteNumber("bytes", application.Bytes);
            json.WriteNumber("flows", application.Flows);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteDetections(Utf8JsonWriter json, IReadOnlyList<Detection> detections)
    {
        json.WriteStartArray("detections");
        foreach (var d in detections)
        {
            json.WriteStartObject();
            json.WriteString("kind", d.Kind);
            json.WriteString("confidence", d.Confidence.ToString().ToLowerInvariant());
            json.WriteString("protocol", d.Protocol);
            json.WriteString("detector", d.Detector);
            if (d.Rule is not null)
                json.WriteString("rule", d.Rule);
            json.WriteNumber("flowId", d.FlowId);
            json.WriteNumber("transport", d.TransportProtocol);
            json.WriteString("client", d.Client.ToString());
            json.WriteNumber("clientPort", d.ClientPort);
            json.WriteString("server", d.Server.ToString());
            json.WriteNumber("serverPort", d.ServerPort);
            if (d.ClientMac is { } mac)
                json.WriteString("clientMac", mac.ToString());
            if (d.User is not null)
                json.WriteString("user", d.User);
            if (d.ServerName is not null)
                json.WriteString("serverName", d.ServerName);
            json.WriteString("firstSeen", Time(d.FirstSeenNanos));
            json.WriteString("lastSeen", Time(d.LastSeenNanos));
            json.WriteString("evidence", d.Evidence);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFiles(Utf8JsonWriter json, IReadOnlyList<FileOutcome> files, IReadOnlyList<SourceTotals> sources)
    {
        json.WriteStartArray("files");
        var opened = 0;
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            if (file.Error is not null)
            {
                json.WriteString("error", file.Error);
                json.WriteEndObject();
                continue;
            }
            var source = sources[opened++];
            json.WriteString("format", file.Format);
            WriteTraffic(json, source.Traffic);
            json.WriteNumber("malformed", source.Malformed);
            json.WriteNumber("malformedRecords", file.Reader!.Malformed);
            if (source.FirstTimestampNanos != 0)
            {
                json.WriteString("first", Time(source.FirstTimestampNanos));
                json.WriteString("last", Time(source.LastTimestampNanos));
            }
            if (file.Reader.StoppedBy is not null)
                json.WriteString("stoppedEarly", file.Reader.StopMessage);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Time(long nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
