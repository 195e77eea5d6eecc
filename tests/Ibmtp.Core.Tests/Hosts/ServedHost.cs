namespace Ibmtp.Tests.Hosts;

/// <summary>
/// A host the helper serves, split where an attacker would bend it: <see cref="Domain"/> is the part
/// that makes it served (<c>icr.io</c>, <c>bluemix.net</c>, or a whole opted-in name), and
/// <see cref="Subdomain"/> what comes before it.
/// </summary>
internal sealed record ServedHost(string Subdomain, string Domain, int? Port)
{
    public string Name => Subdomain + Domain;

    /// <summary>The host as the helper reduces every spelling of it: a port only when it is not 443.</summary>
    public string Canonical => Port is null ? Name : $"{Name}:{Port}";

    public bool IsIpLiteral => System.Net.IPAddress.TryParse(Name.Trim('[', ']'), out _);

    public override string ToString() => Canonical;
}
