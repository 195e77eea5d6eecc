using System.Text;
using System.Text.RegularExpressions;

namespace Ibmtp.Diagnostics;

/// <summary>
/// How the kubelet decides that a provider's <c>matchImages</c> pattern covers an image (kubernetes
/// <c>pkg/credentialprovider/keyring.go</c>, <c>URLsMatch</c>, as of v1.35): the ports are equal, the hosts
/// have as many dot-separated labels and each label matches its glob (Go's <c>filepath.Match</c>), and the
/// pattern's path is a prefix of the image's, compared as text: a glob in a path matches nothing.
/// </summary>
public static class KubeletImageMatch
{
    public static bool Matches(string pattern, string image)
    {
        var glob = Reference.Of(pattern);
        var target = Reference.Of(image);
        if (glob.Port != target.Port || glob.Labels.Length != target.Labels.Length || !target.Path.StartsWith(glob.Path, StringComparison.Ordinal))
            return false;
        return glob.Labels.Zip(target.Labels).All(pair => LabelMatches(pair.First, pair.Second));
    }

    /// <summary>The pattern's path, or "" for a host alone.</summary>
    public static string PathOf(string pattern) => Reference.Of(pattern).Path;

    /// <summary>The pattern's port, or "" when it names none (an image on ICR names none).</summary>
    public static string PortOf(string pattern) => Reference.Of(pattern).Port;

    private static bool LabelMatches(string glob, string label)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            switch (glob[i])
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[' when glob.IndexOf(']', i + 1) is var end and > 0:
                    var set = glob[(i + 1)..end];
                    regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(glob[i].ToString()));
                    break;
            }
        }
        return Regex.IsMatch(label, regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

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
