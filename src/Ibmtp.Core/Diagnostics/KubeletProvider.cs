namespace Ibmtp.Diagnostics;

/// <summary>
/// One entry of a kubelet's <c>CredentialProviderConfig</c> <c>providers</c>, as written: a field the file
/// leaves out is null, so a check can tell a missing field from a wrong one.
/// </summary>
/// <param name="File">The file it came from (the kubelet also reads every file of a folder).</param>
/// <param name="ConfigApiVersion">The apiVersion of the file's CredentialProviderConfig.</param>
public sealed record KubeletProvider(
    string File,
    string? ConfigApiVersion,
    string? Name,
    string? ApiVersion,
    IReadOnlyList<string> MatchImages,
    string? DefaultCacheDuration,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    KubeletTokenAttributes? TokenAttributes);
