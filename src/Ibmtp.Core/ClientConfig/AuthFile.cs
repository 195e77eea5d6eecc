using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ibmtp.Files;

namespace Ibmtp.ClientConfig;

/// <summary>
/// One auth file of docker (<c>config.json</c>) or of the containers tools (<c>auth.json</c>), read
/// and changed so that only what is asked for changes: every other key, entry and unknown field,
/// their order and the file's indentation stay as they were.
/// </summary>
public sealed class AuthFile
{
    // docker's own config of a person with hundreds of registries is still far smaller.
    private const int LargestFile = 16 * 1024 * 1024;
    private const string CredHelpersKey = "credHelpers";
    private const string AuthsKey = "auths";
    private const string CredsStoreKey = "credsStore";

    private readonly JsonObject _root;

    private AuthFile(string path, string? original, JsonObject root, bool byteOrderMark = false)
    {
        Path = path;
        Original = original;
        _root = root;
        _byteOrderMark = byteOrderMark;
    }

    private readonly bool _byteOrderMark;

    public string Path { get; }

    /// <summary>The file's text as read, or null when it does not exist.</summary>
    public string? Original { get; }

    /// <summary>True once a change has been made; an unchanged file is never written.</summary>
    public bool Changed { get; private set; }

    /// <summary>Reads <paramref name="path"/>; a file that does not exist reads as an empty object.</summary>
    public static AuthFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAllBytes(path, LargestFile, Links.Follow);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return new AuthFile(path, null, []);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HelperException($"{path} cannot be read: {error.Message.ReplaceLineEndings(" ")}");
        }
        var byteOrderMark = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var original = Encoding.UTF8.GetString(byteOrderMark ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
        return new AuthFile(path, original, Parse(path, original), byteOrderMark);
    }

    public string? CredsStore => _root[CredsStoreKey] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>The helper named for each host under <c>credHelpers</c>.</summary>
    public IReadOnlyDictionary<string, string> CredHelpers =>
        (_root[CredHelpersKey] as JsonObject)?
            .Where(entry => entry.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            .ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>(), StringComparer.Ordinal)
        ?? [];

    /// <summary>
    /// The keys of <c>auths</c> entries that hold a login (<c>auth</c>, <c>password</c> or
    /// <c>identitytoken</c>); an empty entry, as docker leaves beside a helper, holds none.
    /// </summary>
    public IReadOnlyList<string> StoredLoginKeys =>
        (_root[AuthsKey] as JsonObject)?.Where(entry => HoldsLogin(entry.Value)).Select(entry => entry.Key).ToArray() ?? [];

    /// <summary>The top-level keys holding a login, which in a legacy <c>~/.dockercfg</c> are the registries logged in to.</summary>
    public IReadOnlyList<string> TopLevelLoginKeys => _root.Where(entry => HoldsLogin(entry.Value)).Select(entry => entry.Key).ToArray();

    private static bool HoldsLogin(JsonNode? entry) =>
        entry is JsonObject login && new[] { "auth", "password", "identitytoken" }.Any(field => login[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0);

    /// <summary>Names <paramref name="helper"/> for <paramref name="host"/>; false when it already was.</summary>
    /// <param name="replaced">The other helper the host named before, if any.</param>
    public bool NameHelper(string host, string helper, out string? replaced)
    {
        if (_root[CredHelpersKey] is not JsonObject helpers)
        {
            if (_root[CredHelpersKey] is not null)
                throw new HelperException($"{Path}: {CredHelpersKey} is not a JSON object; fix it by hand");
            helpers = [];
            _root[CredHelpersKey] = helpers;
        }
        replaced = helpers[host] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        if (replaced == helper)
        {
            replaced = null;
            return false;
        }
        helpers[host] = helper;
        Changed = true;
        return true;
    }

    /// <summary>Removes the <c>credHelpers</c> entries of <paramref name="hosts"/> that name <paramref name="helper"/>; returns the hosts removed.</summary>
    public IReadOnlyList<string> RemoveHelper(string helper, Func<string, bool> hosts)
    {
        if (_root[CredHelpersKey] is not JsonObject helpers)
            return [];
        var removed = CredHelpers.Where(entry => entry.Value == helper && hosts(entry.Key)).Select(entry => entry.Key).ToArray();
        foreach (var host in removed)
            helpers.Remove(host);
        Changed |= removed.Length > 0;
        return removed;
    }

    /// <summary>
    /// The file as it would be written. Only the <c>credHelpers</c> object is rewritten, in the file's
    /// own indentation, and spliced in where it was (or appended to the top-level object); every
    /// other byte stays as it was. A new file is written whole, indented with tabs as docker and
    /// podman write theirs.
    /// </summary>
    public string Render()
    {
        var indentation = Indentation.Of(Original);
        if (Original is null || string.IsNullOrWhiteSpace(Original))
            return Serialize(_root, indentation, depth: 0) + indentation.LineBreak;

        var helpers = Serialize(_root[CredHelpersKey]!, indentation, depth: 1);
        var span = JsonSpans.Find(Original, CredHelpersKey);
        if (span.Value is { } value)
            return string.Concat(Original.AsSpan(0, value.Start), helpers, Original.AsSpan(value.End));
        var member = $"\"{CredHelpersKey}\":{(indentation.Indented ? " " : "")}{helpers}";
        var inserted = span.LastMemberEnd is { } afterLast
            ? $",{indentation.NewLine(1)}{member}"
            : $"{indentation.NewLine(1)}{member}{indentation.NewLine(0)}";
        var at = span.LastMemberEnd ?? span.RootEnd - 1;
        return string.Concat(Original.AsSpan(0, at), inserted, Original.AsSpan(at));
    }

    /// <summary>The file's bytes as they would be written: <see cref="Render"/>, after a byte-order mark where the original had one.</summary>
    public byte[] RenderBytes() => [.. _byteOrderMark ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(Render())];

    /// <summary>A JSON value as text, indented as if it stood at <paramref name="depth"/> in the file.</summary>
    private static string Serialize(JsonNode node, Indentation indentation, int depth)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indentation.Indented,
            IndentCharacter = indentation.Character,
            IndentSize = indentation.Size,
            NewLine = "\n",
            // Keep characters such as '<', '&' and non-ASCII as they were written, not as \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            node.WriteTo(writer);
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return !indentation.Indented ? text : text.Replace("\n", indentation.NewLine(depth), StringComparison.Ordinal);
    }

    private static JsonObject Parse(string path, string text)
    {
        try
        {
            // A file that holds only whitespace is what an interrupted editor leaves: treat it as empty.
            if (string.IsNullOrWhiteSpace(text))
                return [];
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new HelperException($"{path} is not a JSON object: fix it or move it aside, then run this again");
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line
                ? $"at line {line + 1}, column {(error.BytePositionInLine ?? 0) + 1}"
                : $"({error.Message.ReplaceLineEndings(" ").TrimEnd('.')})";
            throw new HelperException($"{path} is not valid JSON {where}: fix it or move it aside, then run this again; it was left untouched");
        }
    }
}
