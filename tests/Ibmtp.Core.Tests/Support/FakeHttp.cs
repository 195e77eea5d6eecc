using System.Net;
using System.Text;
using Ibmtp.Iam;
using Ibmtp.Logging;
using Ibmtp.Secrets;
using Moq;
using Moq.Protected;
using RestSharp;

namespace Ibmtp.Tests.Support;

/// <summary>
/// An HTTP endpoint played by a Moq handler: each test queues the answers, and every request that
/// reached "the network" is recorded with its body.
/// </summary>
public sealed class FakeHttp
{
    private readonly Mock<HttpMessageHandler> _handler = new();
    private readonly Queue<Func<CancellationToken, HttpResponseMessage>> _answers = new();

    public FakeHttp()
    {
        _handler.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns(async (HttpRequestMessage request, CancellationToken cancel) =>
            {
                var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
                lock (Requests)
                    Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, Headers(request), body));
                Func<CancellationToken, HttpResponseMessage> next;
                lock (_answers)
                    next = _answers.Count > 0 ? _answers.Dequeue() : _ => throw new HttpRequestException("no answer queued: connection refused");
                return next(cancel);
            });
    }

    /// <summary>The request's headers and its content's (Content-Type), as they go on the wire.</summary>
    private static Dictionary<string, string> Headers(HttpRequestMessage request) =>
        request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value));

    public static readonly Uri BaseUrl = new("https://iam.test.example/");

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>The proxy the client is given, as the environment would name one; none by default.</summary>
    public IWebProxy? Proxy { get; init; }

    public FakeHttp Answer(HttpStatusCode status, string json, Action<HttpResponseMessage>? complete = null)
    {
        lock (_answers)
        {
            _answers.Enqueue(_ =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                complete?.Invoke(response);
                return response;
            });
        }
        return this;
    }

    public FakeHttp AnswerToken(string accessToken, int expiresIn = 3600) =>
        Answer(HttpStatusCode.OK, $$"""{"access_token":"{{accessToken}}","refresh_token":"not_supported","token_type":"Bearer","expires_in":{{expiresIn}},"expiration":0}""");

    public FakeHttp RefuseConnection()
    {
        lock (_answers)
            _answers.Enqueue(_ => throw new HttpRequestException("connection refused"));
        return this;
    }

    /// <summary>A server that takes the request and never answers: the request ends only when the caller gives up on it.</summary>
    /// <param name="arrived">Called as the request arrives, as the caller's time runs on.</param>
    public FakeHttp NeverAnswer(Action arrived)
    {
        lock (_answers)
        {
            _answers.Enqueue(cancel =>
            {
                arrived();
                cancel.WaitHandle.WaitOne();
                throw new TaskCanceledException("A task was canceled.", null, cancel);
            });
        }
        return this;
    }

    /// <summary>
    /// A proxy that answers the <c>CONNECT</c> for IAM with <paramref name="status"/>, failing the request as .NET
    /// does: its message names the proxy whole, user and password included.
    /// </summary>
    public FakeHttp RefuseTunnel(HttpStatusCode status)
    {
        var proxy = Proxy?.GetProxy(BaseUrl) ?? throw new InvalidOperationException("a tunnel needs a proxy: set Proxy");
        lock (_answers)
            _answers.Enqueue(_ => throw new HttpRequestException(HttpRequestError.ProxyTunnelError,
                $"The proxy tunnel request to proxy '{proxy}' failed with status code '{(int)status}'.", null, status));
        return this;
    }

    public FakeHttp FailCertificateCheck()
    {
        lock (_answers)
            _answers.Enqueue(_ => throw new HttpRequestException("The SSL connection could not be established",
                new System.Security.Authentication.AuthenticationException("The remote certificate is invalid: UntrustedRoot")));
        return this;
    }

    public RestClient Client() =>
        new(new RestClientOptions(BaseUrl) { ConfigureMessageHandler = _ => new BoundedResponseHandler(_handler.Object), Timeout = Timeout.InfiniteTimeSpan, Proxy = Proxy });

    public IamClient Iam(TimeProvider? time = null) =>
        new(Client(), new RetryingSender(time ?? TimeProvider.System, HelperLog.Silent()), time ?? TimeProvider.System);

    /// <summary>A VPC metadata service in the default API version, or the service <paramref name="api"/> describes.</summary>
    public MetadataIdentityClient Metadata(TimeProvider? time = null, MetadataIdentityApi? api = null) =>
        new(Client(), api ?? MetadataIdentityApi.Vpc(MetadataIdentityApi.IdentityPathsVersion), new RetryingSender(time ?? TimeProvider.System, HelperLog.Silent()), time ?? TimeProvider.System);
}

public sealed record RecordedRequest(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form fields of a form-encoded body.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
}
