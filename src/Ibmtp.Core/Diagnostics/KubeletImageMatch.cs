namespace Ibmtp.Diagnostics;

/// <summary>
/// How the kubelet decides that a provider's <c>matchImages</c> pattern covers an image (kubernetes
/// <c>pkg/credentialprovider/keyring.go</c>, <c>URLsMatch</c>, as of v1.35): the ports are equal, the hosts
/// have as many dot-separated labels and each label matches its glob (Go's <c>filepath.Match</c>, <see cref="GoGlob"/>),
/// and the pattern's path is a prefix of the image's, compared as text: a glob in a path matches nothing. A malformed
/// glob is an error there, which the kubelet takes as no match.
/// </summary>
public static class KubeletImageMatch
{
    public static bool Matches(string pattern, string image)
    {
        var glob = Reference.Of(pattern);
        var target = Reference.Of(image);
        if (glob.Port != target.Port || glob.Labels.Length != target.Labels.Length || !target.Path.StartsWith(glob.Path, StringComparison.Ordinal))
            return false;
        for (var i = 0; i < glob.Labels.Length; i++)
        {
            if (!GoGlob.TryMatch(glob.Labels[i], target.Labels[i], out var matched) || !matched)
                return false;
        }
        return true;
    }

    /// <summary>Whether a label of the pattern's host is a malformed glob, so that the pattern matches no image.</summary>
    public static bool IsMalformed(string pattern)
    {
        foreach (var label in Reference.Of(pattern).Labels)
        {
            if (!GoGlob.TryMatch(label, "", out _))
                return true;
        }
        return false;
    }

    /// <summary>The pattern's path, or "" for a host alone.</summary>
    public static string PathOf(string pattern) => Reference.Of(pattern).Path;

    /// <summary>The pattern's port, or "" when it names none (an image on ICR names none).</summary>
    public static string PortOf(string pattern) => Reference.Of(pattern).Port;

    /// <summary>An image or pattern as the kubelet parses it: "https://" put in front, then host labels, port and path.</summary>
    private readonly record struct Reference(string[] Labels, string Port, string Path)
    {
        public static Reference Of(string text)
        {
            var slash = text.IndexOf('/');
            var host = slash < 0 ? text : text[..slash];
            var path = slash < 0 ? "" : text[slash..];
            var colon = host.LastIndexOf(':');
            var port = colon < 0 ? "" : host[(colon + 1)..];
            return new Reference((colon < 0 ? host : host[..colon]).Split('.'), port, path);
        }
    }
}
