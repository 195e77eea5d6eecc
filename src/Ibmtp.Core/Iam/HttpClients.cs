using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using RestSharp;

namespace Ibmtp.Iam;

public static class HttpClients
{
    /// <summary>
    /// A client for IAM: over https through the proxy the environment names, if any (a CONNECT tunnel, so
    /// the proxy relays only TLS); on loopback, and over plain http, which is for loopback only, never through a
    /// proxy. Go's net/http, which docker, podman and skopeo use, never proxies loopback either: a proxy elsewhere
    /// would reach its own machine, and NO_PROXY as .NET reads it could not say "127.0.0.0/8".
    /// </summary>
    public static RestClient Create(Uri baseUrl) =>
        // A client's requests all go to its base URL's host (redirects are not followed), so it decides for them all.
        Create(baseUrl, baseUrl.Scheme == Uri.UriSchemeHttp || EndpointPolicy.IsLoopback(baseUrl) ? DirectConnection.Instance : HttpClient.DefaultProxy);

    /// <summary>
    /// A client for a machine's own metadata service, never through a proxy: only the machine itself reaches
    /// it (169.254.169.254, or a name that resolves there), and a proxy elsewhere would ask its own machine's.
    /// </summary>
    public static RestClient CreateForMetadataService(Uri baseUrl) => Create(baseUrl, DirectConnection.Instance);

    /// <summary>
    /// A RestSharp client that never throws for HTTP or connection errors (we inspect every response),
    /// never follows redirects, and leaves timeouts to the call's <see cref="Deadline"/>.
    /// </summary>
    /// <param name="proxy">
    /// How to reach <paramref name="baseUrl"/>; <see cref="HttpClient.DefaultProxy"/> is the proxy .NET reads from
    /// HTTPS_PROXY, ALL_PROXY and NO_PROXY.
    /// </param>
    private static RestClient Create(Uri baseUrl, IWebProxy proxy) =>
        new(new RestClientOptions(baseUrl)
        {
            ThrowOnAnyError = false,
            // A redirect would carry the form body, API key included, wherever it points, even to plain http.
            FollowRedirects = false,
            Timeout = Timeout.InfiniteTimeSpan,
            Proxy = proxy,
            UserAgent = $"{HelperInfo.Name}/{HelperInfo.Version}",
            ConfigureMessageHandler = inner => new BoundedResponseHandler(inner),
        });

    /// <summary>Why <see cref="ReadJson"/> found nothing in a success: "without an access token" would mislead when a field has the wrong type.</summary>
    internal const string NotATokenResponse = "a body that is not a token response (empty, not JSON, or a field of the wrong type)";

    /// <summary>The body as <typeparamref name="T"/>, or null when it is empty or not that JSON.</summary>
    internal static T? ReadJson<T>(RestResponse response, JsonTypeInfo<T> type)
    {
        try
        {
            return response.RawBytes is { Length: > 0 } bytes ? JsonSerializer.Deserialize(bytes, type) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>At most a short excerpt of a server's text, on one line: an error body can be megabytes.</summary>
    internal static string Excerpt(string? text, int length = 300) => SafeLine.Of(text ?? "", length);

    /// <summary>
    /// What a server said when it refused a call: its own words, else its reason phrase, else the status
    /// code's standard name, since HTTP/2 has no reason phrase and an HTTP/1.1 server may send an empty one.
    /// </summary>
    internal static string Said(RestResponse response) =>
        ServerWords.Of(response)
        ?? (string.IsNullOrWhiteSpace(response.StatusDescription) ? null : Excerpt(response.StatusDescription))
        ?? StandardReason(response.StatusCode)
        ?? "no message";

    /// <summary>The first trace or request id a server gave, or "none": an empty one is none either.</summary>
    internal static string IdOrNone(params string?[] ids) =>
        ids.FirstOrDefault(id => !string.IsNullOrWhiteSpace(id)) is { } id ? Excerpt(id, 64) : "none";

    /// <summary>The standard reason phrase of <paramref name="status"/>, such as "Bad Request", or null for a code without one.</summary>
    internal static string? StandardReason(HttpStatusCode status)
    {
        // A message made without a reason phrase reports the standard one.
        using var standard = new HttpResponseMessage(status);
        return string.IsNullOrEmpty(standard.ReasonPhrase) ? null : standard.ReasonPhrase;
    }

    /// <summary>A response header by name, compared as HTTP does: without regard to case.</summary>
    internal static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
