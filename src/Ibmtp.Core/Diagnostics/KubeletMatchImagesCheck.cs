using Ibmtp.ClientConfig;
using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: whether the provider's <c>matchImages</c> send the kubelet's ICR images to it,
/// by the kubelet's own matching (<see cref="KubeletImageMatch"/>): a pattern with a port or a path, a malformed
/// glob, or one no ICR host matches, is flagged; so is an ICR host form no pattern covers, and the sample image when
/// no pattern matches it.
/// </summary>
public sealed class KubeletMatchImagesCheck(KubeletSetup? setup) : IDoctorCheck
{
    private const string Fact = "kubelet matchImages";

    /// <summary>Each form of ICR host, and the pattern that covers it: a <c>*</c> matches one DNS label.</summary>
    private static readonly (string Host, string Pattern)[] IcrForms =
    [
        ("icr.io", "icr.io"),
        ("us.icr.io", "*.icr.io"),
        ("private.us.icr.io", "*.*.icr.io"),
    ];

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (setup?.Provider is not { } provider)
            return;
        var patterns = provider.MatchImages;
        if (patterns.Count == 0)
        {
            facts.Add(Fact, $"none: the kubelet refuses the config; list {string.Join(", ", IcrForms.Select(form => form.Pattern))}", problem: true);
            return;
        }
        var flagged = false;
        foreach (var pattern in patterns)
        {
            if (Problem(pattern) is { } problem)
            {
                facts.Add(Fact, $"{pattern}: {problem}", problem: true);
                flagged = true;
            }
        }
        foreach (var (icrHost, cover) in IcrForms.Where(form => !patterns.Any(pattern => KubeletImageMatch.Matches(pattern, Image(form.Host)))))
        {
            facts.Add(Fact, $"no pattern matches images on {icrHost}: add \"{cover}\"", problem: true);
            flagged = true;
        }
        if (!patterns.Any(pattern => KubeletImageMatch.Matches(pattern, setup.Image)))
            facts.Add(Fact, $"no pattern matches {setup.Image}: the kubelet never asks the provider about it", problem: true);
        else if (!flagged)
            facts.Add(Fact, $"{string.Join(", ", patterns)}: match icr.io, every region and the private hosts");
    }

    private static string? Problem(string pattern)
    {
        if (KubeletImageMatch.PortOf(pattern) is { Length: > 0 } port)
            return $"names port {port}, and an image on ICR names none, so it never matches; write the host alone";
        var path = KubeletImageMatch.PathOf(pattern);
        if (path.IndexOfAny(['*', '?', '[']) >= 0)
            return $"the kubelet compares a path as text, so the glob in {path} never matches; write the host alone";
        if (path.Length > 0)
            return $"has a path: only images under {path} match (the kubelet matches globs in the host only); write the host alone";
        if (KubeletImageMatch.IsMalformed(pattern))
            return "is a malformed glob (to Go's filepath.Match, a syntax error in pattern), so the kubelet matches nothing with it; close each [ and escape a plain [, ], - or \\ with \\";
        if (!IcrRegistries.Public.Concat(IcrRegistries.Private).Any(icrHost => KubeletImageMatch.Matches(pattern, Image(icrHost))))
            return "matches no ICR host, and the provider serves only ICR hosts (and those IBMTP_REGISTRIES adds)";
        return null;
    }

    private static string Image(string host) => $"{host}/namespace/image";
}
