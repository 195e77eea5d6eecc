using System.Globalization;
using Ibmtp.CloudIdentity;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Hosts;
using Ibmtp.Iam;
using Ibmtp.Keystores;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Which credentials <c>get</c> would use for the host and from where, in <c>get</c>'s order: the host's
/// mode and profile, then the plan, with one real IAM exchange for a token; else a person's sign-in
/// session (<see cref="SessionCheck"/>); else the keystore entry. It never shows a secret.
/// </summary>
/// <param name="connectPersonIam">IAM for the session's renewal; the helper's own when not given.</param>
public sealed class CredentialsCheck(HelperContext context, HelperServices services, Func<Uri, IPersonIam>? connectPersonIam = null) : IGetStepCheck
{
    private readonly SessionCheck _session = new(context, services, connectPersonIam);

    public bool Run(RegistryHost host, FactSheet facts)
    {
        var hostSettings = services.Settings.For(host);
        if (hostSettings.Mode.Problem is { } badMode)
            return facts.Fail("mode", badMode);
        facts.Add("mode", $"{CredentialModes.All.Spelling(hostSettings.Mode.Value)} (from {hostSettings.Mode.Origin})");
        if (hostSettings.Profile.Problem is { } badProfile)
            return facts.Fail("profile", badProfile);
        if (hostSettings.Profile.Value is not { } profile)
            facts.Add("profile", "none");
        else if (LooksLikeAProfile(profile))
            facts.Add("profile", $"{profile} (from {hostSettings.Profile.Origin})");
        else
        {
            // Treated as a secret from here on, so it is blanked wherever it would show (as the username, say).
            var suspect = new SourcedSecret(new Secret(profile.Value), hostSettings.Profile.Origin);
            facts.Add("profile", $"from {suspect.Origin}, which does not hold a profile ID (Profile-...) or CRN (crn:...): is it a key put in the wrong variable? ({suspect.Fingerprint})", problem: true);
        }

        CredentialPlan? plan;
        try
        {
            plan = services.TrustedProfiles.Plan(host);
        }
        catch (HelperException error)
        {
            return facts.Fail("credentials", error.Message);
        }
        switch (plan)
        {
            case PassThroughPlan passThrough:
                facts.Add("credentials", $"API key from {passThrough.ApiKey.Origin} ({passThrough.ApiKey.Fingerprint}), sent as {passThrough.Username}");
                return facts.Say("identity", Identity(plan, hostSettings.Profile.Value));
            case TokenPlan token:
                return Exchange(token, Identity(plan, hostSettings.Profile.Value), facts);
            default:
                return _session.Run(facts) ?? Keystore(host, facts);
        }
    }

    /// <summary>Who the registry will see, under whose name its audit log records the pulls: a trusted profile, or the API key's own service ID.</summary>
    private static string Identity(CredentialPlan plan, TrustedProfile? profile) => plan switch
    {
        PassThroughPlan { Username: TrustedProfileSource.PlainApiKeyUsername } => KeyOwner,
        PassThroughPlan passThrough => $"the trusted profile {passThrough.Username}",
        _ when profile is not null => $"the trusted profile {profile}",
        TokenPlan { Credential: null } => "the instance's default trusted profile",
        _ => KeyOwner,
    };

    private const string KeyOwner = "the API key's own service ID, as no trusted profile is set";

    /// <summary>One real exchange, not through the cache, so a broken key or profile shows even while a cached token still works.</summary>
    private bool Exchange(TokenPlan plan, string identity, FactSheet facts)
    {
        facts.Add("credentials", plan.Credential is { } credential
            ? $"{(plan.Exchange.Mode == CredentialMode.CrToken ? "compute-resource token" : "API key")} from {credential.Origin} ({credential.Fingerprint}), traded with IAM for a token"
            : MachineIdentity(plan.Exchange.Mode));
        facts.Add("identity", identity);
        var now = context.Time.GetUtcNow();
        if (services.TokenCache.Peek(TokenService.CacheKey(plan.Exchange)) is { } cached)
        {
            facts.Add("cached token", cached.IsUsable(now)
                ? $"valid for {Duration(cached.ExpiresAt - now)}, renewed after {Duration(cached.RenewAt - now)}"
                : "expired; the next get asks IAM");
        }
        else
        {
            facts.Add("cached token", "none");
        }
        try
        {
            using var deadline = new Deadline(services.Settings.Timeout.Value, context.Time);
            var token = plan.Exchange.FetchAsync(deadline).GetAwaiter().GetResult();
            return facts.Say("IAM exchange", $"ok: a token valid for {Duration(token.ExpiresAt - context.Time.GetUtcNow())}");
        }
        catch (HelperException error)
        {
            return facts.Fail("IAM exchange", error.Message);
        }
    }

    /// <summary>The metadata service a machine identity is traded with, where it is, and for VPC the API version that picks its calls.</summary>
    private string MachineIdentity(CredentialMode mode)
    {
        var settings = services.Settings;
        return mode == CredentialMode.PowerVs
            ? $"the PowerVS instance identity, traded with the metadata service at {settings.PowerVsMetadataUrl} for a token"
            : $"the VPC instance identity, traded with the metadata service at {settings.VpcMetadataUrl}, API version {Version(settings.VpcMetadataVersion)}, for a token";
    }

    private static string Version(SettingValue<DateOnly> version) =>
        $"{version.Value.ToString(SettingParsers.ApiVersionFormat, CultureInfo.InvariantCulture)} (from {version.Origin})";

    /// <summary>Asked only when no one is signed in: that is a problem too when the keystore holds no login either.</summary>
    private bool Keystore(RegistryHost host, FactSheet facts)
    {
        StoredLogin? stored;
        try
        {
            stored = services.Keystore.Value.Find(host);
        }
        catch (HelperException error)
        {
            facts.Add("session", SessionCheck.NoOneSignedIn);
            return facts.Fail("credentials", error.Message);
        }
        facts.Add("session", SessionCheck.NoOneSignedIn, problem: stored is null);
        return stored is not null
            ? facts.Say("credentials", $"keystore entry for {host}, user {stored.Username} (from docker, podman, buildah or skopeo login)")
            : facts.Fail("credentials", $"none: no API key or compute-resource token in the environment, no one signed in and no keystore entry, so get answers not found; set {SettingsTable.ApiKey.Variable}, sign in with {HelperInfo.Name} login, or log in with docker login");
    }

    /// <summary>A value in a profile variable that is not shaped like one may be a secret pasted there by mistake, so it is not shown.</summary>
    private static bool LooksLikeAProfile(TrustedProfile profile) => profile.Kind switch
    {
        TrustedProfileKind.Id => profile.Value.StartsWith("Profile-", StringComparison.Ordinal),
        TrustedProfileKind.Crn => profile.Value.StartsWith("crn:", StringComparison.OrdinalIgnoreCase),
        TrustedProfileKind.Name => true,
    };

    /// <summary>A span as doctor shows it: hours and minutes, or minutes and seconds; nothing left is 0s.</summary>
    internal static string Duration(TimeSpan span) =>
        span <= TimeSpan.Zero ? "0s"
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s");
}
