using CsCheck;
using Ibmtp.Hosts;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Hosts;

/// <summary>
/// The helper answers for a registry only when the address names it: every spelling a client sends of
/// a served host is served, as that host; no bent spelling of one ever is, because docker sends the
/// answer to whatever host it reads in the address.
/// </summary>
[TestFixture]
public class ServedHostPropertyTests
{
    private static readonly ServedHosts Served = new(HostSpellings.OptedIn.Select(Host));

    [Test]
    public void Every_spelling_of_a_served_host_is_served_as_that_host()
    {
        var spellings = from host in HostSpellings.Served
                        from address in HostSpellings.Legitimate(host)
                        select (host, address);

        spellings.Sample((host, address) =>
            RegistryHost.TryParse(address, out var parsed) && parsed.ToString() == host.Canonical && Served.Serves(parsed),
            iter: 20_000);
    }

    [Test]
    public void No_hostile_change_to_a_served_host_is_served()
    {
        HostSpellings.Hostile.Sample((kind, address) => !IsServed(address), iter: 50_000);
    }

    /// <summary>
    /// Addresses pieced together at random from hosts and URL punctuation: whenever the helper serves
    /// one, a standard URL parser, reading it as docker and podman do (white space trimmed, one leading
    /// http:// or https://), finds the same host and port in it.
    /// </summary>
    [Test]
    public void A_served_address_names_the_same_host_to_a_URL_parser()
    {
        var pieces = Gen.OneOf(
            "us.icr.io", "icr.io", "evil.example", "mirror.example.com", "localhost:5000", "[::1]", "10.1.2.3",
            "@", "#", "?", "/", "\\", ":", "://", "https://", "http://", "HTTPS://", "ftp://", ":443", ":5000", ":8443", ".", "..", "%2e", "%40", " ", "\t", "x");
        var addresses = pieces.Array[1, 6].Select(string.Concat);

        addresses.Sample(address => !IsServed(address) || UrlParserAgrees(address), iter: 100_000);
    }

    private static bool IsServed(string address) => RegistryHost.TryParse(address, out var host) && Served.Serves(host);

    private static bool UrlParserAgrees(string address)
    {
        RegistryHost.TryParse(address, out var served);
        var text = address.Trim();
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text[scheme.Length..];
                break;
            }
        }
        if (!Uri.TryCreate("https://" + text, UriKind.Absolute, out var url))
            return false;
        var name = url.Host.EndsWith('.') ? url.Host[..^1] : url.Host;
        int? port = url.Port == 443 ? null : url.Port;
        return string.Equals(name, served.Name, StringComparison.OrdinalIgnoreCase) && port == served.Port;
    }
}
