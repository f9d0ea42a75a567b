using System.Runtime.CompilerServices;

namespace NetOps.Analyzer.Identity;

/// <summary>What an identity inspector saw: messages read, and refusals by reason (index = the reader's malformed enum value).</summary>
public sealed class InspectorCounters<TReason>(int reasons) where TReason : unmanaged, Enum
{
    private readonly long[] _malformed = new long[reasons];

    public long Messages { get; private set; }

    /// <summary>Bindings handed to the timeline.</summary>
    public long Bindings { get; internal set; }

    public long Malformed => _malformed.Sum();

    public long MalformedBy(TReason reason) => _malformed[Unsafe.As<TReason, byte>(ref reason)];

    internal void CountMessage() => Messages++;

    internal void CountMalformed(TReason reason) => _malformed[Unsafe.As<TReason, byte>(ref reason)]++;
}
