using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>Builds a JWS in compact serialization: base64url(header).base64url(payload).base64url(signature).</summary>
internal static class CompactJwt
{
    // The default encoder escapes the '+' of base64 (x5c) as \u002B: harmless to JSON parsers, but noise in every token.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Create(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(JsonObject part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToJsonString(Json)));
}
