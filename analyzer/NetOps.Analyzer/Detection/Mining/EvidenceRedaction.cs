using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NetOps.Analyzer.Mining;

/// <summary>
/// Rewrites a mining message for evidence with what identifies a person's money or login removed:
/// wallet addresses (any run of 26+ letters and digits, 0x addresses), the part of an e-mail before
/// '@', passwords (members named pass/password, and the second parameter of mining.authorize and
/// eth_submitLogin). Everything else (methods, agents, pool names, ids) stays, so the excerpt still
/// shows what was said. Runs once per detection, not on the hot path.
/// </summary>
internal static class EvidenceRedaction
{
    public const string Wallet = "<wallet>";
    public const string Secret = "<secret>";
    public const string User = "<user>";
    private const int MinWalletRun = 26;

    /// <summary>The redacted message as compact JSON, or a note when it is not JSON.</summary>
    public static string Redact(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 32);
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, default);
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                string? property = null;
                var secretPositional = IsLoginWithPassword(json);
                var paramsDepth = -1;
                var paramsIndex = 0;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            property = reader.GetString();
                            writer.WritePropertyName(property!);
                            continue;
                        case JsonTokenType.StartObject:
                            writer.WriteStartObject();
                            break;
                        case JsonTokenType.EndObject:
                            writer.WriteEndObject();
                            break;
                        case JsonTokenType.StartArray:
                            if (property == "params" && reader.CurrentDepth == 1)
                            {
                                paramsDepth = 1;
                                paramsIndex = 0;
                            }
                            writer.WriteStartArray();
                            break;
                        case JsonTokenType.EndArray:
                            if (reader.CurrentDepth == paramsDepth)
                                paramsDepth = -1;
                            writer.WriteEndArray();
                            break;
                        case JsonTokenType.String:
                            var positional = paramsDepth == 1 && reader.CurrentDepth == 2 ? paramsIndex : -1;
                            var secret = property is "pass" or "password" or "passwd" || (secretPositional && positional == 1);
                            writer.WriteStringValue(secret ? Secret : RedactText(reader.GetString()!));
                            break;
                        case JsonTokenType.Number:
                            writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                            break;
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                            writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                            break;
                        case JsonTokenType.Null:
                            writer.WriteNullValue();
                            break;
                    }
                    // A parameter ends with its primitive token or its closing bracket, both at depth 2.
                    if (paramsDepth == 1 && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
                        paramsIndex++;
                }
            }
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return $"(not JSON, {json.Length} bytes)";
        }
    }

    /// <summary>Wallet-like runs and e-mail user parts of free text replaced.</summary>
    public static string RedactText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                i++;
            var run = text.AsSpan(start, i - start);
            var isUser = i < text.Length && text[i] == '@' && run.Length > 0;
            if (run.Length >= MinWalletRun || (run.Length == 42 && run.StartsWith("0x")))
                builder.Append(Wallet);
            else if (isUser)
                builder.Append(User);
            else
                builder.Append(run);
            if (i < text.Length)
                builder.Append(text[i++]);
        }
        return builder.ToString();
    }

    private static bool IsLoginWithPassword(ReadOnlySpan<byte> json) =>
        MiningMessageReader.TryRead(json, out var message) && message.Method is MiningMethod.MiningAuthorize or MiningMethod.EthSubmitLogin;
}
