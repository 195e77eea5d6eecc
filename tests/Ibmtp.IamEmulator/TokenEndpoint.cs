namespace Ibmtp.Emulators;

/// <summary>
/// <c>POST /identity/token</c>: counts the request, applies the test's delay and queued failures, checks the client
/// (none, or the public client for a person's grants), then runs the grant.
/// </summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/identity/token", HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        TokenGrants grants,
        RequestCounters counters,
        FailureInjection failures,
        EmulatorSettings settings,
        CancellationToken cancellationToken)
    {
        var fields = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var form = new TokenRequestForm(fields);
        counters.CountTokenRequest(form.GrantType);
        await Task.Delay(settings.Delay, cancellationToken);

        if (failures.TryTakeNext(out var failure))
        {
            return failure;
        }

        // A person's grants come from the CLI's public client; every other grant must come with no client at all.
        if (form.GrantType is GrantTypes.Passcode or GrantTypes.RefreshToken)
        {
            if (!PublicClient.IsIn(request.Headers.Authorization))
            {
                return IamError.InvalidClient();
            }
        }
        else if (request.Headers.Authorization.Count > 0)
        {
            return IamError.AuthorizationHeaderNotAllowed();
        }

        return request.HasFormContentType
            ? grants.Exchange(form)
            : IamError.InvalidInput("The request body must be application/x-www-form-urlencoded.");
    }
}
