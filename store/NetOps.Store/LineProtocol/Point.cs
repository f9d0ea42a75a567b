using System.Buffers;

namespace NetOps.Store.LineProtocol;

/// <summary>
/// One point to store. Tags with empty values are left out (InfluxDB has no empty tags), tags are
/// written sorted by key ordinally, and a point always carries its timestamp: a point written
/// without one gets the writer's clock when it is accepted, so a replay after an outage or a crash
/// overwrites the same point instead of adding a second one.
/// </summary>
public sealed class Point
{
    private readonly List<KeyValuePair<string, string>> _tags = new(8);
    private readonly List<KeyValuePair<string, FieldValue>> _fields = new(8);

    public Point(string measurement, string? retentionPolicy = null)
    {
        LineProtocolEncoder.ValidateIdentifier(measurement, "measurement", isMeasurement: true);
        Measurement = measurement;
        RetentionPolicy = retentionPolicy;
    }

    public string Measurement { get; }

    /// <summary>Retention policy the point belongs to; null means the database's default.</summary>
    public string? RetentionPolicy { get; }

    public long? TimestampNanoseconds { get; private set; }
    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;
    public IReadOnlyList<KeyValuePair<string, FieldValue>> Fields => _fields;

    public Point Tag(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return this;
        LineProtocolEncoder.ValidateIdentifier(key, "tag key", isMeasurement: false);
        LineProtocolEncoder.ValidateIdentifier(value, "tag value", isMeasurement: false);
        for (var i = 0; i < _tags.Count; i++)
        {
            if (_tags[i].Key == key)
            {
                _tags[i] = new(key, value);
                return this;
            }
        }
        _tags.Add(new(key, value));
        return this;
    }

    public Point Field(string key, double value) => SetField(key, FieldValue.FromFloat(value));
    public Point Field(string key, long value) => SetField(key, FieldValue.FromInteger(value));
    public Point Field(string key, int value) => SetField(key, FieldValue.FromInteger(value));
    public Point Field(string key, bool value) => SetField(key, FieldValue.FromBoolean(value));
    public Point Field(string key, string value) => SetField(key, FieldValue.FromString(value));

    /// <summary>Unsigned counters above <see cref="long.MaxValue"/> are refused: InfluxDB 1.x has no unsigned type.</summary>
    public Point Field(string key, ulong value) =>
        value <= long.MaxValue
            ? SetField(key, FieldValue.FromInteger((long)value))
            : throw new ArgumentOutOfRangeException(nameof(value), $"Field '{key}' = {value} exceeds the signed 64-bit integer range InfluxDB stores.");

    public Point Timestamp(DateTimeOffset time) => TimestampNs(UnixNanoseconds(time));

    public Point TimestampNs(long unixNanoseconds)
    {
        TimestampNanoseconds = unixNanoseconds;
        return this;
    }

    public static long UnixNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Encodes the point as one line ending in '\n'.</summary>
    public void WriteTo(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, string>> defaultTags, long fallbackTimestampNs)
    {
        if (_fields.Count == 0)
            throw new InvalidOperationException($"Point '{Measurement}' has no fields; InfluxDB needs at least one.");
        LineProtocolEncoder.WriteMeasurement(output, Measurement);
        WriteSortedTags(output, defaultTags);
        LineProtocolEncoder.WriteByte(output, (byte)' ');
        for (var i = 0; i < _fields.Count; i++)
        {
            if (i > 0)
                LineProtocolEncoder.WriteByte(output, (byte)',');
            LineProtocolEncoder.WriteFieldKey(output, _fields[i].Key);
            LineProtocolEncoder.WriteFieldValue(output, _fields[i].Value);
        }
        LineProtocolEncoder.WriteTimestamp(output, TimestampNanoseconds ?? fallbackTimestampNs);
        LineProtocolEncoder.WriteByte(output, (byte)'\n');
    }

    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer, [], TimestampNanoseconds ?? 0);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n');
    }

    private Point SetField(string key, FieldValue value)
    {
        LineProtocolEncoder.ValidateIdentifier(key, "field key", isMeasurement: false);
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Key == key)
            {
                _fields[i] = new(key, value);
                return this;
            }
        }
        _fields.Add(new(key, value));
        return this;
    }

    private void WriteSortedTags(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, string>> defaultTags)
    {
        var count = _tags.Count + defaultTags.Count;
        if (count == 0)
            return;
        var merged = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var tag in _tags)
                merged[n++] = tag;
            foreach (var tag in defaultTags)
            {
                if (!ContainsKey(merged, n, tag.Key) && !string.IsNullOrEmpty(tag.Value))
                    merged[n++] = tag;
            }
            // Insertion sort: points have a handful of tags, and this keeps the hot path allocation-free.
            for (var i = 1; i < n; i++)
            {
                var current = merged[i];
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(merged[j].Key, current.Key) > 0)
                {
                    merged[j + 1] = merged[j];
                    j--;
                }
                merged[j + 1] = current;
            }
            for (var i = 0; i < n; i++)
                LineProtocolEncoder.WriteTag(output, merged[i].Key, merged[i].Value);
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(merged, clearArray: true);
        }
    }

    private static bool ContainsKey(KeyValuePair<string, string>[] tags, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (tags[i].Key == key)
                return true;
        }
        return false;
    }
}
