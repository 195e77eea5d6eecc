using CsCheck;

namespace Ibmtp.Tests.Hosts;

/// <summary>
/// Generators for the host properties: the hosts the helper serves, every spelling of them that the
/// docker and containers clients send, and the ways an attacker bends a spelling toward another host.
/// </summary>
internal static class HostSpellings
{
    /// <summary>Hosts a user opts in with IBMTP_REGISTRIES: a name, a name with a port, IPv4 and IPv6 literals.</summary>
    public static readonly string[] OptedIn = ["mirror.example.com", "localhost:5000", "10.1.2.3:8443", "[::1]:5000"];

    private static readonly string[] Regions = ["au", "br", "ca", "ca2", "de", "es", "uk", "in", "in2", "jp", "jp2", "us"];

    private static readonly string[] BluemixRegions = ["", "ng.", "eu-de.", "eu-gb.", "au-syd."];

    private static readonly Gen<ServedHost> IbmHost = Gen.OneOf(
        Gen.Const(new ServedHost("", "icr.io", null)),
        Gen.OneOf(Regions).Select(region => new ServedHost($"{region}.", "icr.io", null)),
        Gen.OneOf(Regions).Select(region => new ServedHost($"private.{region}.", "icr.io", null)),
        // A region IBM adds next year is served by rule, with no release of the helper.
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 10].Select(label => new ServedHost($"{new string(label)}.", "icr.io", null)),
        Gen.OneOf(BluemixRegions).Select(region => new ServedHost($"registry.{region}", "bluemix.net", null)));

    private static readonly Gen<ServedHost> OptedInHost = Gen.OneOf(
        Gen.Const(new ServedHost("", "mirror.example.com", null)),
        Gen.Const(new ServedHost("", "localhost", 5000)),
        Gen.Const(new ServedHost("", "10.1.2.3", 8443)),
        Gen.Const(new ServedHost("", "[::1]", 5000)));

    public static readonly Gen<ServedHost> Served = Gen.Frequency((3, IbmHost), (1, OptedInHost));

    // docker sends the bare host or https://host/ (and index URLs with a path); podman and skopeo keys may carry a repository path.
    private static readonly Gen<string> Scheme = Gen.OneOf("", "", "https://", "http://", "HTTPS://", "Https://");

    private static readonly Gen<string> Path = Gen.OneOf("", "", "/", "/v2/", "/v1/", "/namespace/repository", "/v2/ns/repo/manifests/latest");

    // The protocol's stdin may end in a newline; docker-credential-helpers trims white space as Go's strings.TrimSpace does.
    private static readonly Gen<string> Padding = Gen.OneOf("", "", "\n", "\r\n", " ", "\t", " \n");

    private static Gen<string> MixedCase(string text) =>
        Gen.Bool.Array[text.Length].Select(upper => string.Concat(text.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)));

    /// <summary>443 is the default and is dropped; an opted-in port must be given as it was opted in.</summary>
    private static Gen<string> PortSpelling(ServedHost host) =>
        host.Port is { } port ? Gen.Const($":{port}") : Gen.OneOf("", ":443");

    /// <summary>One trailing dot is the DNS root: an absolute name for the same host.</summary>
    private static Gen<string> RootDot(ServedHost host) => host.IsIpLiteral ? Gen.Const("") : Gen.OneOf("", "", ".");

    /// <summary>Every spelling a client sends for <paramref name="host"/>.</summary>
    public static Gen<string> Legitimate(ServedHost host) =>
        from before in Padding
        from scheme in Scheme
        from name in MixedCase(host.Name)
        from dot in RootDot(host)
        from port in PortSpelling(host)
        from path in Path
        from after in Padding
        select before + scheme + name + dot + port + path + after;

    /// <summary>A served host with one hostile change, in a client's spelling around it.</summary>
    public static readonly Gen<(string Kind, string Address)> Hostile =
        from host in Served
        from mutation in Mutation(host)
        from scheme in Scheme
        from path in Path
        select (mutation.Kind, scheme + mutation.Authority + path);

    private static Gen<(string Kind, string Authority)> Mutation(ServedHost host) => Gen.OneOf(
        Tagged("userinfo", Userinfo(host.Canonical)),
        Tagged("fragment or query", FragmentOrQuery(host.Canonical)),
        Tagged("backslash", Backslash(host.Canonical)),
        Tagged("another scheme or a scheme marker inside", SchemeConfusion(host.Canonical)),
        Tagged("percent-encoding", PercentEncoding(host.Canonical)),
        Tagged("homoglyph", Homoglyph(host)),
        Tagged("punycode look-alike", Punycode(host)),
        Tagged("separator look-alike", SeparatorLookAlike(host.Canonical)),
        Tagged("another port", AnotherPort(host)),
        Tagged("extra dots", ExtraDots(host)),
        Tagged("prefix or suffix look-alike", PrefixOrSuffix(host)),
        Tagged("white space or control character", ControlCharacter(host.Canonical)));

    private static Gen<(string Kind, string Authority)> Tagged(string kind, Gen<string> authority) => authority.Select(text => (kind, text));

    private static Gen<string> Userinfo(string served) => Gen.OneOf(
        $"{served}@evil.example", $"evil.example@{served}", $"user:secret@{served}", $"user@{served}",
        $"{served}@{served}", $"{served}:443@evil.example", $"evil.example:443@{served}", $"{served}%40evil.example");

    private static Gen<string> FragmentOrQuery(string served) => Gen.OneOf(
        $"evil.example#{served}", $"evil.example?{served}", $"evil.example#@{served}", $"evil.example?@{served}",
        $"{served}#evil.example", $"{served}?evil.example", $"{served}#", $"{served}?");

    private static Gen<string> Backslash(string served) => Gen.OneOf(
        $"evil.example\\{served}", $"{served}\\evil.example", $"evil.example\\@{served}", $"{served}\\@evil.example",
        $"\\\\{served}", $"{served}\\", $"https:\\\\{served}");

    // Only http:// and https:// are clients' spellings; anything else before "://" names another host, or none.
    private static Gen<string> SchemeConfusion(string served) => Gen.OneOf(
        $"evil.example/x://{served}", $"evil.example#://{served}", $"evil.example?://{served}", $"evil.example:://{served}",
        $"evil.example://{served}", $"ftp://{served}", $"file://{served}", $"https://https://{served}", $"evil.example/{served}");

    private static Gen<string> PercentEncoding(string served) => Gen.OneOf(
        Gen.Int[0, served.Length - 1].SelectMany(index => Gen.OneOf("X2", "x2").Select(format =>
            served[..index] + "%" + ((int)served[index]).ToString(format, System.Globalization.CultureInfo.InvariantCulture) + served[(index + 1)..])),
        Gen.OneOf($"evil.example%2f{served}", $"evil.example%40{served}", $"evil.example%23{served}", $"{served}%2fevil.example", $"{served}%00"));

    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['a'] = "\u0430\u0251\uff41", ['b'] = "\u0184\u0253", ['c'] = "\u0441\u217d\u03f2", ['d'] = "\u0501\u217e", ['e'] = "\u0435\u0117",
        ['g'] = "\u0261", ['h'] = "\u04bb", ['i'] = "\u0456\u0131\u2170\uff49\u00ed", ['l'] = "\u04cf\u217c\u0399", ['m'] = "\u217f\uff4d",
        ['n'] = "\u0578", ['o'] = "\u043e\u03bf\u0585\uff4f\u00f6", ['p'] = "\u0440", ['r'] = "\u0433\u1d26", ['s'] = "\u0455\u017f",
        ['t'] = "\u0442", ['u'] = "\u03c5\u057d", ['x'] = "\u0445\u00d7", ['y'] = "\u0443", ['k'] = "\u212a\u03ba",
        ['0'] = "\u0660\uff10\u041e", ['1'] = "\u0661\uff11\u217c", ['2'] = "\uff12", ['3'] = "\uff13", [':'] = "\uff1a\u0589\u2236",
    };

    /// <summary>
    /// One character swapped for a Unicode look-alike (Cyrillic, Greek, fullwidth, Roman numerals, the
    /// Kelvin sign, which lower-cases to k), anywhere in the name: clients send ASCII names only.
    /// </summary>
    private static Gen<string> Homoglyph(ServedHost host)
    {
        var positions = Enumerable.Range(0, host.Name.Length).Where(i => LookAlikes.ContainsKey(host.Name[i])).ToArray();
        return from index in Gen.OneOf(positions)
               from glyph in Gen.OneOf(LookAlikes[host.Name[index]].ToCharArray())
               select host.Name[..index] + glyph + host.Name[(index + 1)..] + PortText(host);
    }

    // Computed with Python's idna codec from one-letter Cyrillic or Turkish swaps: what a browser sends for a look-alike.
    private static readonly Dictionary<string, string[]> PunycodeLookAlikes = new()
    {
        ["icr.io"] = ["xn--cr-goc.io", "xn--ic-ilc.io", "xn--ir-omc.io", "xn--cr-gpa.io", "icr.xn--o-evb"],
        ["bluemix.net"] = ["xn--bluemx-tvf.net", "xn--bluex-9xe6p.net"],
        ["mirror.example.com"] = ["mirror.xn--xample-2of.com", "mirror.xn--ample-ywe6i.com"],
        ["localhost"] = ["xn--lcalhost-nbh"],
    };

    /// <summary>The deciding domain as the punycode of a look-alike; an IP literal has none, so it gets a Unicode digit instead.</summary>
    private static Gen<string> Punycode(ServedHost host) =>
        PunycodeLookAlikes.TryGetValue(host.Domain, out var lookAlikes)
            ? Gen.OneOf(lookAlikes).Select(domain => host.Subdomain + domain + PortText(host))
            : Homoglyph(host);

    /// <summary>A dot or colon replaced by a character that renders like it and that IDNA may even map to it.</summary>
    private static Gen<string> SeparatorLookAlike(string served)
    {
        var positions = Enumerable.Range(0, served.Length).Where(i => served[i] is '.' or ':').ToArray();
        return from index in Gen.OneOf(positions)
               from separator in served[index] == '.' ? Gen.OneOf("\uff0e", "\u3002", "\uff61", "\u2024", "\ufe52") : Gen.OneOf("\uff1a", "\u0589", "\u2236", "\ua789")
               select served[..index] + separator + served[(index + 1)..];
    }

    private static Gen<string> AnotherPort(ServedHost host) => Gen.OneOf(
        Gen.Int[1, 65535].Where(port => port != 443 && port != host.Port).Select(port => $"{host.Name}:{port}"),
        Gen.OneOf(":", ":0", ":65536", ":99999", ":-443", ":+443", ":443:443", ": 443", ":4 43", ":0x1bb", ":\u0664\u0664\u0663", ":\uff14\uff14\uff13", ":443\0")
            .Select(port => host.Name + port),
        // An opted-in host with a port is served on that port only.
        host.Port is null ? Gen.Const($"{host.Name}:80") : Gen.OneOf(host.Name, $"{host.Name}:443"));

    /// <summary>Dots that make no DNS name: more than the one root dot, a leading dot, an empty label.</summary>
    private static Gen<string> ExtraDots(ServedHost host) => Gen.OneOf(
        Gen.Int[2, 4].Select(dots => host.Name + new string('.', dots) + PortText(host)),
        Gen.Const("." + host.Canonical),
        Gen.Const(host.Subdomain + "." + host.Domain.Replace(".", "..", StringComparison.Ordinal) + PortText(host)));

    /// <summary>Text glued to the deciding domain changes the domain; a new label in front of an ICR host would not, and is served by rule.</summary>
    private static Gen<string> PrefixOrSuffix(ServedHost host) => Gen.OneOf(
        Gen.OneOf("evil", "evil-", "x", "0", "icr").Select(prefix => host.Subdomain + prefix + host.Domain + PortText(host)),
        Gen.OneOf(".evil.example", "evil", "-evil", ".evil", ".com", "x", ".icr.io.evil.example").Select(suffix => host.Name + suffix + PortText(host)));

    // White space is trimmed only around the whole request; inside the host it, and any control character anywhere, is refused.
    private static Gen<string> ControlCharacter(string served) => Gen.OneOf(
        from index in Gen.Int[1, served.Length - 1]
        from inside in Gen.OneOf(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\0', '\u0001', '\u001b', '\u007f', '\u200b', '\u200e', '\ufeff')
        select served[..index] + inside + served[index..],
        from edge in Gen.OneOf('\0', '\u0001', '\u001b', '\u007f', '\u200b', '\u200e', '\u202e', '\ufeff')
        from before in Gen.Bool
        select before ? edge + served : served + edge);

    private static string PortText(ServedHost host) => host.Port is { } port ? $":{port}" : "";
}
