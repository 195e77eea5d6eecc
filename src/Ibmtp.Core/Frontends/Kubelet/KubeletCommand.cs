using System.Text.Json;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// <c>kubelet</c>: the kubelet's image credential provider. One <c>CredentialProviderRequest</c> on
/// stdin, one <c>CredentialProviderResponse</c> on stdout, with the pod's own trusted profile when its
/// service account names one, else the node's identity, else nothing (the kubelet then uses the
/// pod's image pull secrets).
/// </summary>
public static class KubeletCommand
{
    /// <summary>The action word the kubelet's config passes in <c>args</c>.</summary>
    public const string Name = "kubelet";

    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        KubeletFrontend.Run(context, services =>
        {
            var request = Read(context.Input);
            var registry = ImageReference.Registry(request.Image!);
            var account = request.ServiceAccountToken is { Value.Length: > 0 } token ? new ServiceAccount(token, request.ServiceAccountAnnotations) : null;
            if (ServedLogin.Find(registry, () => services.Value.KubeletCredentials(account)) is not { } login)
                return null;
            var cacheDuration = CacheDuration.For(login, context.Time.GetUtcNow(), services.Value.Settings.KubeletCacheDuration.Value);
            return new CredentialProviderResponse(
                GoDuration.Format(cacheDuration),
                new() { [registry] = new AuthConfig(login.Username, login.Secret.Value) });
        });

    /// <summary>The request, checked as the kubelet's own decoder would: unknown fields are ignored, the names it fixes are not.</summary>
    private static CredentialProviderRequest Read(Stream input)
    {
        var bytes = BoundedInput.Read(input, KubeletApi.MaxRequestBytes)
            ?? throw new HelperException($"kubelet: stdin holds more than {KubeletApi.MaxRequestBytes} bytes; a {KubeletApi.RequestKind} is far smaller");
        CredentialProviderRequest? request;
        try
        {
            request = KubeletJson.ReadRequest(bytes);
        }
        catch (JsonException error)
        {
            // JsonException names the path and position, never the offending value.
            var where = error.Path is null ? "" : $" at {error.Path}";
            throw new HelperException($"kubelet: stdin is not a {KubeletApi.RequestKind} in JSON{where}");
        }
        if (request is null)
            throw new HelperException($"kubelet: stdin holds null, not a {KubeletApi.RequestKind}");
        if (request.ApiVersion != KubeletApi.ApiVersion)
            throw new HelperException($"kubelet: apiVersion is '{request.ApiVersion}'; this provider speaks {KubeletApi.ApiVersion}: set apiVersion: {KubeletApi.ApiVersion} in the kubelet's CredentialProviderConfig");
        if (request.Kind != KubeletApi.RequestKind)
            throw new HelperException($"kubelet: kind is '{request.Kind}', not {KubeletApi.RequestKind}");
        if (string.IsNullOrWhiteSpace(request.Image))
            throw new HelperException($"kubelet: the {KubeletApi.RequestKind} names no image");
        return request;
    }
}
