using System.Text.RegularExpressions;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The kubelet's match of a glob (a provider's matchImages entry, or a key of a response's <c>auth</c>) against an
/// image: <c>URLsMatchStr</c> in kubernetes/kubernetes pkg/credentialprovider/keyring.go. Same number of host
/// labels, each matched by the glob's label (<c>*</c> and <c>?</c> within one label), the same port, and the
/// glob's path a prefix of the image's.
/// </summary>
public static class KubeletImageMatch
{
    public static bool Matches(string glob, string image)
    {
        var (globLabels, globPort, globPath) = Split(glob);
        var (imageLabels, imagePort, imagePath) = Split(image);
        return globPort == imagePort
            && globLabels.Length == imageLabels.Length
            && imagePath.StartsWith(globPath, StringComparison.Ordinal)
            && globLabels.Zip(imageLabels).All(pair => LabelMatches(pair.First, pair.Second));
    }

    /// <summary>As <c>parseSchemelessURL</c> and <c>splitURL</c>: the host up to the first slash, its labels, and its port if any.</summary>
    private static (string[] Labels, string Port, string Path) Split(string schemeless)
    {
        var slash = schemeless.IndexOf('/');
        var authority = slash < 0 ? schemeless : schemeless[..slash];
        var path = slash < 0 ? string.Empty : schemeless[slash..];
        var colon = authority.LastIndexOf(':');
        var (host, port) = colon < 0 ? (authority, string.Empty) : (authority[..colon], authority[(colon + 1)..]);
        return (host.Split('.'), port, path);
    }

    private static bool LabelMatches(string glob, string label) =>
        Regex.IsMatch(label, "^" + Regex.Escape(glob).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
}
