using System.Globalization;
using System.Text;

namespace NetOps.Snmp;

/// <summary>An SNMP object identifier: comparable (lexicographic, as SNMP orders a MIB) and cheap to test for a prefix.</summary>
public sealed class ObjectIdentifier : IComparable<ObjectIdentifier>, IEquatable<ObjectIdentifier>
{
    private readonly uint[] _arcs;

    public ObjectIdentifier(params uint[] arcs) => _arcs = arcs;

    public ReadOnlySpan<uint> Arcs => _arcs;
    public int Length => _arcs.Length;

    public static ObjectIdentifier Parse(string dotted)
    {
        if (!TryParse(dotted, out var oid))
            throw new FormatException($"'{dotted}' is not a dotted object identifier such as 1.3.6.1.2.1.1.1.0.");
        return oid;
    }

    public static bool TryParse(string? dotted, out ObjectIdentifier oid)
    {
        oid = null!;
        if (string.IsNullOrWhiteSpace(dotted))
            return false;
        var parts = dotted.Trim().TrimStart('.').Split('.');
        var arcs = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out arcs[i]))
                return false;
        }
        if (arcs.Length < 2)
            return false;
        oid = new ObjectIdentifier(arcs);
        return true;
    }

    public ObjectIdentifier Append(params uint[] arcs) => new([.. _arcs, .. arcs]);

    /// <summary>True when this OID lies inside the subtree rooted at <paramref name="root"/> (and is not the root itself).</summary>
    public bool IsBelow(ObjectIdentifier root) => _arcs.Length > root._arcs.Length && _arcs.AsSpan().StartsWith(root._arcs);

    /// <summary>The arcs after <paramref name="root"/>: the table index of a column instance.</summary>
    public ReadOnlySpan<uint> IndexAfter(ObjectIdentifier root) => _arcs.AsSpan(root._arcs.Length);

    public int CompareTo(ObjectIdentifier? other)
    {
        if (other is null)
            return 1;
        return _arcs.AsSpan().SequenceCompareTo(other._arcs);
    }

    public bool Equals(ObjectIdentifier? other) => other is not null && _arcs.AsSpan().SequenceEqual(other._arcs);
    public override bool Equals(object? obj) => Equals(obj as ObjectIdentifier);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in _arcs)
            hash.Add(arc);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder(_arcs.Length * 4);
        for (var i = 0; i < _arcs.Length; i++)
        {
            if (i > 0)
                text.Append('.');
            text.Append(_arcs[i]);
        }
        return text.ToString();
    }
}
