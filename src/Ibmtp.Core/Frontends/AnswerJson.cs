using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Ibmtp.Platform;

namespace Ibmtp.Frontends;

/// <summary>
/// How a front end writes its JSON answer: with System.Text.Json's writer, as one line in one write.
/// The writer's own default encoder is a shared instance whose static set-up also builds the relaxed
/// encoder, one code point at a time over the whole Basic Multilingual Plane: 3 to 5% of a `get`
/// (bench/startup-layout.md). This encoder is built the way that default one is, so it escapes the same
/// characters: everything outside ASCII, control characters and the HTML-sensitive ones.
/// </summary>
internal static class AnswerJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin);

    public static void WriteLine(LineWriter output, Action<Utf8JsonWriter> write) =>
        output.WriteLine(line =>
        {
            using var json = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = Encoder });
            write(json);
        });
}
