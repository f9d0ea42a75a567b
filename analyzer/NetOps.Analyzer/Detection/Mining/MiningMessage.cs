namespace NetOps.Analyzer.Mining;

internal enum JsonShape : byte
{
    Absent,
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}

/// <summary>Object keys that tell mining messages apart (in "params", "result" or a result's "job").</summary>
[Flags]
internal enum MiningKeys : uint
{
    None = 0,
    Id = 1 << 0,
    Login = 1 << 1,
    Pass = 1 << 2,
    Agent = 1 << 3,
    JobId = 1 << 4,
    Blob = 1 << 5,
    Target = 1 << 6,
    Nonce = 1 << 7,
    Result = 1 << 8,
    Job = 1 << 9,
    Status = 1 << 10,
    SiteKey = 1 << 11,
    Hashes = 1 << 12,
    Token = 1 << 13,
    PreviousBlockHash = 1 << 14,
    CoinbaseValue = 1 << 15,
    Transactions = 1 << 16,
    Data = 1 << 17,
    Midstate = 1 << 18,
}

/// <summary>A JSON value's outline: its shape and, for arrays and objects, what they hold.</summary>
internal struct JsonOutline
{
    public JsonShape Shape;

    /// <summary>Array elements.</summary>
    public int Count;

    public int Strings;

    /// <summary>Strings of "0x" and hex digits (Ethereum work packages).</summary>
    public int HexStrings;

    public int Numbers;

    public int Arrays;

    /// <summary>Object keys present (for an object), or keys of the objects one level down (a result's "job").</summary>
    public MiningKeys Keys;

    /// <summary>A string element or value named "EthereumStratum/…".</summary>
    public bool MentionsEthereumStratum;

    public readonly bool IsArray => Shape == JsonShape.Array;

    public readonly bool IsObject => Shape == JsonShape.Object;

    public readonly bool IsBoolean => Shape is JsonShape.True or JsonShape.False;

    public readonly bool Has(MiningKeys keys) => (Keys & keys) == keys;
}

/// <summary>
/// What one JSON-RPC (or browser miner) message says, as far as mining detection cares: read by
/// <see cref="MiningMessageReader"/>, no strings kept. An id is compared by kind and value (a string
/// id by a hash of its bytes).
/// </summary>
internal struct MiningMessage
{
    public JsonShape IdShape;
    public long IdValue;
    public MiningMethod Method;

    /// <summary>The "type" member (CoinHive-style browser miners name their messages so).</summary>
    public MiningMethod Type;

    public JsonOutline Params;
    public JsonOutline Result;

    /// <summary>"error" present and not null.</summary>
    public bool HasError;

    public bool HasJsonRpcMember;

    /// <summary>The "status" string of a CryptoNote result was "OK" or "KEEPALIVED".</summary>
    public bool ResultStatusOk;

    public readonly bool HasId => IdShape is JsonShape.Number or JsonShape.String;

    public readonly bool IsRequestOrPush => Method != MiningMethod.None;

    public readonly bool IsAnswer => Method == MiningMethod.None && Result.Shape != JsonShape.Absent;

    public readonly bool SameId(in MiningMessage other) => HasId && IdShape == other.IdShape && IdValue == other.IdValue;
}
