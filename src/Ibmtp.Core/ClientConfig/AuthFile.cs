using System.Text;
using System.Text.Json;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Secrets;

namespace Ibmtp.ClientConfig;

/// <summary>
/// One auth file of docker (<c>config.json</c>) or of the containers tools (<c>auth.json</c>), read
/// as those clients read it and changed so that only what is asked for changes: every other byte,
/// key, entry and unknown field, their order and the file's indentation stay as they were.
/// </summary>
public sealed class AuthFile
{
    internal const string AuthsKey = "auths";

    // docker's own config of a person with hundreds of registries is still far smaller.
    private const int LargestFile = 16 * 1024 * 1024;
    private const string CredHelpersKey = "credHelpers";
    private const string CredsStoreKey = "credsStore";
    private const string BackupSuffix = ".bak";
    private static readonly string[] LoginFields = ["auth", "password", "identitytoken"];

    // A save holds the lock for milliseconds; a run that waits this long is facing a stuck one.
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    // Each attempt starts again from the file as it is, so only a writer that keeps changing it
    // faster than an attempt takes (milliseconds) can use them up.
    private const int SaveAttempts = 10;

    private readonly FileSnapshot? _snapshot;
    private readonly int _bodyStart;
    private readonly JsonItem? _root;
    private readonly IReadOnlyList<Range> _secrets = [];
    private HelperEntries? _helpers;

    private AuthFile(string path, FileSnapshot? snapshot)
    {
        Path = path;
        _snapshot = snapshot;
        if (snapshot is null)
            return;
        _bodyStart = snapshot.Bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        Original = Encoding.UTF8.GetString(Body);
        // A file that holds only whitespace is what an interrupted editor leaves: treat it as empty.
        if (string.IsNullOrWhiteSpace(Original))
            return;
        _root = Parse(path, Body);
        _secrets = ClientSecrets.Protect(_root, Body);
        if (_root.Member(CredHelpersKey)?.Value is { IsObject: true } helpers)
            _helpers = HelperEntries.Of(helpers, Body);
    }

    public string Path { get; }

    /// <summary>The file's text as read, or null when it does not exist.</summary>
    public string? Original { get; }

    /// <summary>True once a change has been made; an unchanged file is never written.</summary>
    public bool Changed { get; private set; }

    /// <summary>The bytes as read, after any byte-order mark.</summary>
    private ReadOnlySpan<byte> Body => _snapshot is null ? [] : _snapshot.Bytes.AsSpan(_bodyStart);

    /// <summary>Reads <paramref name="path"/>; a file that does not exist reads as an empty object.</summary>
    public static AuthFile Read(string path)
    {
        try
        {
            return new AuthFile(path, UserFiles.Read(path, LargestFile));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HelperException($"{path} cannot be read: {error.Message.ReplaceLineEndings(" ")}");
        }
    }

    public string? CredsStore => _root?.StringOf(CredsStoreKey);

    /// <summary>The helper named for each host under <c>credHelpers</c>.</summary>
    public IReadOnlyDictionary<string, string> CredHelpers => _helpers?.Named ?? new Dictionary<string, string>();

    /// <summary>
    /// The keys of <c>auths</c> entries that hold a login (<c>auth</c>, <c>password</c> or
    /// <c>identitytoken</c>); an empty entry, as docker leaves beside a helper, holds none.
    /// </summary>
    public IReadOnlyList<string> StoredLoginKeys => LoginKeys(_root?.Member(AuthsKey)?.Value);

    /// <summary>The top-level keys holding a login, which in a legacy <c>~/.dockercfg</c> are the registries logged in to.</summary>
    public IReadOnlyList<string> TopLevelLoginKeys => LoginKeys(_root);

    /// <summary>
    /// The helper the host's <c>credHelpers</c> entry names, as Go's decoder reads it (a null names
    /// the empty one), or null when the host has no entry.
    /// </summary>
    public string? CredHelperFor(RegistryHost host) => _root?.Member(CredHelpersKey)?.Value.Member(host.ToString())?.Value switch
    {
        { Kind: JsonTokenType.String } helper => helper.Text,
        { Kind: JsonTokenType.Null } => "",
        _ => null,
    };

    /// <summary>
    /// docker's choice for <paramref name="host"/> (docker/cli <c>cli/config/configfile/file.go</c>,
    /// <c>getConfiguredCredentialStore</c> and <c>GetCredentialsStore</c>): the host's <c>credHelpers</c>
    /// entry, else <c>credsStore</c>; when the one chosen so is empty or missing, docker sends the
    /// login stored under <c>auths</c> (so an empty entry never falls back to <c>credsStore</c>), since
    /// a helper's answer replaces that login (<c>credentials/native_store.go</c>). Null when nothing
    /// sends the host anywhere.
    /// </summary>
    public ClientRoute? DockerRoute(RegistryHost host)
    {
        var entry = CredHelperFor(host);
        var helper = entry ?? CredsStore;
        if (!string.IsNullOrEmpty(helper))
            return new ClientRoute(entry is null ? ClientRouteKind.CredsStore : ClientRouteKind.CredHelper, helper, Path);
        return LoginRoute(StoredLoginKeysFor(host), host);
    }

    /// <summary>
    /// The containers tools' choice for <paramref name="host"/> in this one file (containers/image
    /// <c>pkg/docker/config/config.go</c>, <c>findCredentialsInFile</c>): the host's <c>credHelpers</c>
    /// entry, even an empty one, else a login under <c>auths</c>. They never read <c>credsStore</c>. A legacy
    /// <c>~/.dockercfg</c> holds only logins, at its top level. Null when this file leaves the host to the next.
    /// </summary>
    public ClientRoute? ContainersRoute(RegistryHost host, bool legacy)
    {
        if (legacy)
            return LoginRoute(TopLevelLoginKeysFor(host), host);
        return CredHelperFor(host) is { } helper
            ? new ClientRoute(ClientRouteKind.CredHelper, helper, Path)
            : LoginRoute(StoredLoginKeysFor(host), host);
    }

    /// <summary>The keys of <c>auths</c> entries holding a login for <paramref name="host"/>, however the key spells it (see <see cref="RegistryHost"/>).</summary>
    public IReadOnlyList<string> StoredLoginKeysFor(RegistryHost host) => KeysOf(StoredLoginKeys, host);

    /// <summary>The top-level keys holding a login for <paramref name="host"/>, as a legacy <c>~/.dockercfg</c> keeps them.</summary>
    public IReadOnlyList<string> TopLevelLoginKeysFor(RegistryHost host) => KeysOf(TopLevelLoginKeys, host);

    private static string[] KeysOf(IReadOnlyList<string> keys, RegistryHost host) =>
        [.. keys.Where(key => RegistryHost.TryParse(key, out var stored) && stored == host)];

    /// <summary>Both clients try the key spelled as the host first, then any other spelling of it.</summary>
    private ClientRoute? LoginRoute(IReadOnlyList<string> keys, RegistryHost host) =>
        (keys.FirstOrDefault(key => key == host.ToString()) ?? keys.FirstOrDefault()) is { } key ? new ClientRoute(ClientRouteKind.StoredLogin, key, Path) : null;

    // Loops rather than LINQ over members here and in ClientSecrets: LINQ's fast paths for lists would
    // add the static bases of a list of JsonMember, which every start of the helper allocates (see
    // bench/startup-statics.md).
    private static string[] LoginKeys(JsonItem? item)
    {
        if (item is null)
            return [];
        var keys = new List<string>();
        foreach (var entry in item.Members)
        {
            if (HoldsLogin(entry.Value))
                keys.Add(entry.Name);
        }
        return [.. keys];
    }

    /// <summary>Whether an entry holds a login; its field names are matched in any case, as Go's decoder matches them.</summary>
    internal static bool HoldsLogin(JsonItem entry)
    {
        foreach (var field in entry.Members)
        {
            if (LoginFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase) && field.Value.Kind == JsonTokenType.String && field.Value.Text!.Length > 0)
                return true;
        }
        return false;
    }

    /// <summary>Names <paramref name="helper"/> for <paramref name="host"/>; false when it already was.</summary>
    /// <param name="replaced">The other helper the host named before, if any.</param>
    public bool NameHelper(string host, string helper, out string? replaced)
    {
        var helpers = EditableHelpers();
        replaced = helpers.HelperOf(host);
        if (replaced == helper)
        {
            replaced = null;
            return false;
        }
        helpers.Name(host, helper);
        Changed = true;
        return true;
    }

    /// <summary>Removes the <c>credHelpers</c> entries of <paramref name="hosts"/> that name <paramref name="helper"/>; returns the hosts removed.</summary>
    public IReadOnlyList<string> RemoveHelper(string helper, Func<string, bool> hosts)
    {
        if (_helpers is null)
            return [];
        var removed = CredHelpers.Where(entry => entry.Value == helper && hosts(entry.Key)).Select(entry => entry.Key).ToArray();
        foreach (var host in removed)
            _helpers.Remove(host);
        Changed |= removed.Length > 0;
        return removed;
    }

    private HelperEntries EditableHelpers()
    {
        if (_helpers is not null)
            return _helpers;
        // A null credHelpers is no object yet, and is replaced by one where it stands.
        if (_root?.Member(CredHelpersKey)?.Value is { Kind: not JsonTokenType.Null })
            throw new HelperException($"{Path}: {CredHelpersKey} is not a JSON object; fix it by hand");
        return _helpers = HelperEntries.Empty();
    }

    /// <summary>
    /// The file's bytes as they would be written. Only the <c>credHelpers</c> object is rewritten, in
    /// the file's own indentation, and spliced in where it was (or appended to the top-level object);
    /// every other byte stays as it was, even one that is not UTF-8. A new file is written whole,
    /// indented with tabs as docker and podman write theirs.
    /// </summary>
    public byte[] RenderBytes() => [.. _snapshot is null ? [] : _snapshot.Bytes.AsSpan(0, _bodyStart), .. RenderBody()];

    private byte[] RenderBody()
    {
        var (replaced, with) = Splice();
        return [.. Body[..replaced.Start], .. with, .. Body[replaced.End..]];
    }

    /// <summary>
    /// The file's text as read (null when there is no file) and as it would be written, for a person to
    /// compare: every secret the file holds is blanked, however short, and the rest is as in the file.
    /// </summary>
    public (string? Before, string After) ShownChange()
    {
        var (replaced, with) = Splice();
        var body = Body;
        var before = _snapshot is null ? null : Encoding.UTF8.GetString(Blanked(body, ..));
        return (before, Encoding.UTF8.GetString([.. Blanked(body, ..replaced.Start), .. with, .. Blanked(body, replaced.End..)]));
    }

    /// <summary>What the bytes of <paramref name="part"/> show a person: each secret in it as the redactor's mask.</summary>
    private byte[] Blanked(ReadOnlySpan<byte> body, Range part)
    {
        var (from, length) = part.GetOffsetAndLength(body.Length);
        var shown = new List<byte>(length);
        var copied = from;
        foreach (var secret in _secrets.Where(secret => secret.Start.Value >= from && secret.End.Value <= from + length))
        {
            shown.AddRange(body[copied..secret.Start.Value]);
            shown.AddRange(Encoding.UTF8.GetBytes(SecretRedactor.Mask));
            copied = secret.End.Value;
        }
        shown.AddRange(body[copied..(from + length)]);
        return [.. shown];
    }

    /// <summary>
    /// The one change a save makes to the body: the bytes of <paramref name="Replaced"/> give way to
    /// <paramref name="With"/>, the <c>credHelpers</c> object (or a new member, or a new file).
    /// </summary>
    private (Range Replaced, byte[] With) Splice()
    {
        var indentation = Indentation.Of(Original);
        var helpers = (_helpers ?? HelperEntries.Empty()).Render(indentation, depth: 1);
        var member = (byte[])[.. HelperEntries.Quoted(CredHelpersKey), .. indentation.Indented ? ": "u8 : ":"u8, .. helpers];
        if (_root is null)
            return (.., [(byte)'{', .. Utf8(indentation.NewLine(1)), .. member, .. Utf8(indentation.NewLine(0)), (byte)'}', .. Utf8(indentation.LineBreak)]);

        if (_root.Member(CredHelpersKey)?.Value is { } value)
            return (value.Start..value.End, helpers);
        var inserted = _root.Members.Count > 0
            ? (byte[])[(byte)',', .. Utf8(indentation.NewLine(1)), .. member]
            : [.. Utf8(indentation.NewLine(1)), .. member, .. Utf8(indentation.NewLine(0))];
        var at = _root.Members.Count > 0 ? _root.Members[^1].Value.End : _root.End - 1;
        return (at..at, inserted);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Writes the change to disk, where a symbolic link (a dotfile manager's) points, so the link
    /// stays and the real file changes. Under a lock that other runs of the helper take too,
    /// <paramref name="change"/> is made again on the file as it is then, in case another program
    /// changed it since it was read; and the result goes in only if the file still holds what it was
    /// made from just before the rename, else it is made again. The file keeps its owner, group and
    /// mode; the file as it was before the first change is kept as <c>&lt;file&gt;.bak</c>, which is
    /// never replaced. What a run killed midway left beside the file is removed, even by a run with
    /// nothing to change.
    /// </summary>
    public void Save(Action<AuthFile> change)
    {
        var link = new FileInfo(Path);
        var target = link.LinkTarget is null ? Path : link.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        var backup = target + BackupSuffix;
        try
        {
            if (!Changed && !UserFiles.HasLeftoverTemporaries(target) && !UserFiles.HasLeftoverTemporaries(backup))
                return;
            UserFiles.EnsureFolder(System.IO.Path.GetDirectoryName(target)!);
            using var held = UserFiles.Lock(target, LockTimeout);
            UserFiles.DeleteLeftoverTemporaries(target);
            UserFiles.DeleteLeftoverTemporaries(backup);
            for (var attempt = 0; attempt < SaveAttempts; attempt++)
            {
                var current = Read(target);
                change(current);
                if (!current.Changed)
                    return;
                if (current._snapshot is { } original)
                    UserFiles.KeepBackup(backup, original);
                if (UserFiles.ReplaceIfUnchanged(target, current.RenderBytes(), current._snapshot))
                    return;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new HelperException($"{target} cannot be written ({error.GetType().Name}): check that its folder is writable; the file was left as it was");
        }
        throw new HelperException($"{target} changed each of the {SaveAttempts} times it was about to be written, so another program is writing it: run this again once that is done; the file was left as it was");
    }

    private static JsonItem Parse(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            var root = JsonItem.Parse(json);
            return root.IsObject ? root : throw new HelperException($"{path} is not a JSON object: fix it or move it aside, then run this again");
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
