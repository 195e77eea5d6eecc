using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// What <c>ibmcloud login --sso</c> and the helper send a person's IAM, as plain HTTP calls to an emulator: the
/// passcode page, the passcode and refresh grants with the public client <c>bx:bx</c>, and the assume grant with a
/// person's token. Each call answers IAM's status and JSON body, for the test to judge.
/// </summary>
public sealed class IamSignIn(Uri iam) : IDisposable
{
    public static readonly AuthenticationHeaderValue PublicClient = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("bx:bx")));

    private readonly HttpClient http = new() { BaseAddress = iam };

    public async Task<IamAnswer> DiscoverAsync()
    {
        using var response = await http.GetAsync("identity/.well-known/openid-configuration");
        return await IamAnswer.ReadAsync(response);
    }

    /// <summary>Posts the passcode page's form; the page's HTML and its status.</summary>
    public async Task<(HttpStatusCode Status, string Html)> SubmitPasscodePageAsync(string userName, string password, string? profileId = null)
    {
        var fields = new Dictionary<string, string> { ["username"] = userName, ["password"] = password };
        if (profileId is not null)
        {
            fields["profile_id"] = profileId;
        }

        using var response = await http.PostAsync("identity/passcode", new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<IamAnswer> PasscodeGrantAsync(string passcode, string? account = null, AuthenticationHeaderValue? client = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = GrantTypes.Passcode, ["passcode"] = passcode, ["response_type"] = "cloud_iam" };
        if (account is not null)
        {
            fields["account"] = account;
        }

        return PostTokenAsync(fields, client ?? PublicClient);
    }

    public Task<IamAnswer> RefreshGrantAsync(string refreshToken, AuthenticationHeaderValue? client = null) =>
        PostTokenAsync(new() { ["grant_type"] = GrantTypes.RefreshToken, ["refresh_token"] = refreshToken, ["response_type"] = "cloud_iam" }, client ?? PublicClient);

    /// <summary>The assume grant for the profile <paramref name="profileId"/>, with a person's access token, or refresh token when <paramref name="tokenField"/> says so.</summary>
    public Task<IamAnswer> AssumeAsync(string token, string profileId, string tokenField = "access_token") =>
        PostTokenAsync(new() { ["grant_type"] = GrantTypes.Assume, [tokenField] = token, ["profile_id"] = profileId }, client: null);

    /// <summary>A passcode grant that must succeed.</summary>
    public async Task<IamAnswer> SignInAsync(string passcode)
    {
        var answer = await PasscodeGrantAsync(passcode);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), $"passcode grant: {answer.Body}");
        return answer;
    }

    public async Task<IamAnswer> PostTokenAsync(Dictionary<string, string> fields, AuthenticationHeaderValue? client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "identity/token") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = client;
        using var response = await http.SendAsync(request);
        return await IamAnswer.ReadAsync(response);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>IAM's status and JSON body for one request.</summary>
public sealed record IamAnswer(HttpStatusCode Status, JsonObject Body)
{
    public string this[string name] => Body[name]?.ToString() ?? throw new AssertionException($"no '{name}' in {Body.ToJsonString()}");

    public string AccessToken => this["access_token"];

    public string RefreshToken => this["refresh_token"];

    public string SessionId => this["session_id"];

    public long ExpiresIn => Body["expires_in"]!.GetValue<long>();

    /// <summary>The <c>errorCode</c> of an error body, after checking it has IAM's shape.</summary>
    public string ErrorCode
    {
        get
        {
            Assert.That(Body["context"]?["requestId"]?.ToString(), Is.Not.Empty, $"an IAM error has context.requestId: {Body.ToJsonString()}");
            Assert.That(Body["errorMessage"]?.ToString(), Is.Not.Empty, $"an IAM error has an errorMessage: {Body.ToJsonString()}");
            return this["errorCode"];
        }
    }

    public static async Task<IamAnswer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() ?? []);

    public override string ToString() => $"{(int)Status} {Body.ToJsonString()}";
}
