using System.IO.Hashing;
using System.Text.Json;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Reads one JSON message (a whole line or HTTP/WebSocket body) into a <see cref="MiningMessage"/>
/// with <see cref="Utf8JsonReader"/>: members in any order, any white space, escapes undone, nested
/// values outlined (never materialized). Not JSON, or not a JSON object, is false — never an exception.
/// </summary>
internal static class MiningMessageReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    public static bool TryRead(ReadOnlySpan<byte> json, out MiningMessage message)
    {
        message = default;
        json = json.Trim(" \t\r\n"u8);
        if (json.IsEmpty || json[0] != (byte)'{' || json[^1] != (byte)'}')
            return false;
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref reader);
                reader.Read();
                switch (member)
                {
                    case Members.Id:
                        ReadId(ref reader, ref message);
                        break;
                    case Members.Method:
                        message.Method = reader.TokenType == JsonTokenType.String ? MiningMethods.Of(ref reader) : MiningMethod.Other;
                        break;
                    case Members.Type:
                        message.Type = reader.TokenType == JsonTokenType.String ? MiningMethods.Of(ref reader) : MiningMethod.Other;
                        break;
                    case Members.Params:
                        message.Params = Outline(ref reader, out _);
                        break;
                    case Members.Result:
                        message.Result = Outline(ref reader, out message.ResultStatusOk);
                        break;
                    case Members.Error:
                        message.HasError = reader.TokenType != JsonTokenType.Null;
                        reader.Skip();
                        break;
                    case Members.JsonRpc:
                        message.HasJsonRpcMember = true;
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            // Anything after the object's end (a second object on the line) makes it no message of ours.
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();
        }
        catch (JsonException)
        {
            message = default;
            return false;
        }
    }

    private enum Members
    {
        Other,
        Id,
        Method,
        Type,
        Params,
        Result,
        Error,
        JsonRpc,
    }

    private static Members Member(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("id"u8)) return Members.Id;
        if (reader.ValueTextEquals("method"u8)) return Members.Method;
        if (reader.ValueTextEquals("type"u8)) return Members.Type;
        if (reader.ValueTextEquals("params"u8)) return Members.Params;
        if (reader.ValueTextEquals("result"u8)) return Members.Result;
        if (reader.ValueTextEquals("error"u8)) return Members.Error;
        if (reader.ValueTextEquals("jsonrpc"u8)) return Members.JsonRpc;
        return Members.Other;
    }

    private static void ReadId(ref Utf8JsonReader reader, ref MiningMessage message)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                message.IdShape = JsonShape.Number;
                message.IdValue = reader.TryGetInt64(out var number) ? number : (long)XxHash3.HashToUInt64(reader.ValueSpan);
                break;
            case JsonTokenType.String:
                message.IdShape = JsonShape.String;
                message.IdValue = (long)XxHash3.HashToUInt64(reader.ValueSpan);
                break;
            case JsonTokenType.Null:
                message.IdShape = JsonShape.Null;
                break;
            default:
                message.IdShape = JsonShape.Object;
                reader.Skip();
                break;
        }
    }

    /// <summary>Outlines the value at the reader and leaves the reader on its last token.</summary>
    private static JsonOutline Outline(ref Utf8JsonReader reader, out bool statusOk)
    {
        statusOk = false;
        var outline = new JsonOutline { Shape = ShapeOf(reader.TokenType) };
        if (outline.Shape == JsonShape.String)
            outline.MentionsEthereumStratum = MentionsEthereumStratum(ref reader);
        else if (outline.Shape == JsonShape.Array)
            OutlineArray(ref reader, ref outline);
        else if (outline.Shape == JsonShape.Object)
            OutlineObject(ref reader, ref outline, depth: 0, ref statusOk);
        return outline;
    }

    private static void OutlineArray(ref Utf8JsonReader reader, ref JsonOutline outline)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            outline.Count++;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    outline.Strings++;
                    if (IsHexWord(reader.ValueSpan))
                        outline.HexStrings++;
                    outline.MentionsEthereumStratum |= MentionsEthereumStratum(ref reader);
                    break;
                case JsonTokenType.Number:
                    outline.Numbers++;
                    break;
                case JsonTokenType.StartArray:
                    outline.Arrays++;
                    // EthereumStratum names itself inside the subscription array: [["mining.notify", id, "EthereumStratum/1.0.0"], …].
                    var depth = reader.CurrentDepth;
                    while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
                        if (reader.TokenType == JsonTokenType.String)
                            outline.MentionsEthereumStratum |= MentionsEthereumStratum(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static void OutlineObject(ref Utf8JsonReader reader, ref JsonOutline outline, int depth, ref bool statusOk)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf(ref reader);
            var isStatus = key == MiningKeys.Status;
            outline.Keys |= key;
            reader.Read();
            if (isStatus && reader.TokenType == JsonTokenType.String)
                statusOk |= reader.ValueTextEquals("OK"u8) || reader.ValueTextEquals("KEEPALIVED"u8);
            else if (key == MiningKeys.Job && depth == 0 && reader.TokenType == JsonTokenType.StartObject)
            {
                // A login answer carries the first job: its members count as the result's own keys.
                OutlineObject(ref reader, ref outline, depth + 1, ref statusOk);
                continue;
            }
            reader.Skip();
        }
    }

    private static MiningKeys KeyOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("id"u8)) return MiningKeys.Id;
        if (reader.ValueTextEquals("login"u8)) return MiningKeys.Login;
        if (reader.ValueTextEquals("pass"u8)) return MiningKeys.Pass;
        if (reader.ValueTextEquals("agent"u8)) return MiningKeys.Agent;
        if (reader.ValueTextEquals("job_id"u8)) return MiningKeys.JobId;
        if (reader.ValueTextEquals("blob"u8)) return MiningKeys.Blob;
        if (reader.ValueTextEquals("target"u8)) return MiningKeys.Target;
        if (reader.ValueTextEquals("nonce"u8)) return MiningKeys.Nonce;
        if (reader.ValueTextEquals("result"u8)) return MiningKeys.Result;
        if (reader.ValueTextEquals("job"u8)) return MiningKeys.Job;
        if (reader.ValueTextEquals("status"u8)) return MiningKeys.Status;
        if (reader.ValueTextEquals("site_key"u8)) return MiningKeys.SiteKey;
        if (reader.ValueTextEquals("hashes"u8)) return MiningKeys.Hashes;
        if (reader.ValueTextEquals("token"u8)) return MiningKeys.Token;
        if (reader.ValueTextEquals("previousblockhash"u8)) return MiningKeys.PreviousBlockHash;
        if (reader.ValueTextEquals("coinbasevalue"u8)) return MiningKeys.CoinbaseValue;
        if (reader.ValueTextEquals("transactions"u8)) return MiningKeys.Transactions;
        if (reader.ValueTextEquals("data"u8)) return MiningKeys.Data;
        if (reader.ValueTextEquals("midstate"u8)) return MiningKeys.Midstate;
        return MiningKeys.None;
    }

    private static JsonShape ShapeOf(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => JsonShape.Null,
        JsonTokenType.True => JsonShape.True,
        JsonTokenType.False => JsonShape.False,
        JsonTokenType.Number => JsonShape.Number,
        JsonTokenType.String => JsonShape.String,
        JsonTokenType.StartArray => JsonShape.Array,
        _ => JsonShape.Object,
    };

    private static bool MentionsEthereumStratum(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && reader.ValueSpan.StartsWith("EthereumStratum/"u8);

    private static bool IsHexWord(ReadOnlySpan<byte> text)
    {
        if (text.Length < 4 || text[0] != (byte)'0' || text[1] != (byte)'x')
            return false;
        foreach (var b in text[2..])
            if (!char.IsAsciiHexDigit((char)b))
                return false;
        return true;
    }
}
