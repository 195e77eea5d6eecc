using System.Globalization;
using Ibmtp.ClientConfig;
using Ibmtp.CloudIdentity;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Works out, for one host, everything a failed push comes down to: whether the host is served, which
/// credentials <c>get</c> would use and from where, whether IAM accepts them, where the helper's files
/// are, and whether the clients' auth files send that host to the helper. It never shows a secret.
/// </summary>
public sealed class Doctor(HelperContext context, HelperServices services)
{
    private readonly List<Fact> _facts = [];

    public DoctorReport Examine(string address)
    {
        if (!RegistryHost.TryParse(address, out var host))
            throw new HelperException($"'{address}' is not a registry host such as us.icr.io");
        var served = Served(host);
        var credentials = served && Credentials(host);
        Files();
        ClientFiles(host);
        return new DoctorReport(host.ToString(), served && credentials, _facts);
    }

    private bool Served(RegistryHost host)
    {
        Add("host", host.ToString());
        if (services.Settings.ServedHosts.Problem is { } problem)
            return Fail("served", problem);
        if (ServedHosts.IsIbmRegistry(host))
            Add("served", "yes: an IBM Cloud Container Registry host");
        else if (services.Settings.ServedHosts.Value.Serves(host))
            Add("served", $"yes: opted in ({services.Settings.ServedHosts.Origin})");
        else
            return Fail("served", $"no: not an ICR host, so get answers not found; opt it in with {SettingsTable.Registries.Variable}={host} or registries in the config file");
        return true;
    }

    private bool Credentials(RegistryHost host)
    {
        var hostSettings = services.Settings.For(host);
        if (hostSettings.Mode.Problem is { } badMode)
            return Fail("mode", badMode);
        Add("mode", $"{Describe(hostSettings.Mode.Value)} (from {hostSettings.Mode.Origin})");
        if (hostSettings.Profile.Problem is { } badProfile)
            return Fail("profile", badProfile);
        if (hostSettings.Profile.Value is not { } profile)
            Add("profile", "none");
        else if (LooksLikeAProfile(profile))
            Add("profile", $"{profile} (from {hostSettings.Profile.Origin})");
        else
        {
            // Treated as a secret from here on, so it is blanked wherever it would show (as the username, say).
            var suspect = new SourcedSecret(new Secret(profile.Value), hostSettings.Profile.Origin);
            Add("profile", $"from {suspect.Origin}, which does not hold a profile ID (Profile-...) or CRN (crn:...): is it a key put in the wrong variable? ({suspect.Fingerprint})", Problem: true);
        }

        CredentialPlan? plan;
        try
        {
            plan = services.TrustedProfiles.Plan(host);
        }
        catch (HelperException error)
        {
            return Fail("credentials", error.Message);
        }
        return plan switch
        {
            PassThroughPlan passThrough => Say("credentials", $"API key from {passThrough.ApiKey.Origin} ({passThrough.ApiKey.Fingerprint}), sent as {passThrough.Username}"),
            TokenPlan token => Exchange(token),
            _ => Keystore(host),
        };
    }

    /// <summary>One real exchange, not through the cache, so a broken key or profile shows even while a cached token still works.</summary>
    private bool Exchange(TokenPlan plan)
    {
        Add("credentials", plan.Credential is { } credential
            ? $"{(plan.Exchange.Mode == CredentialMode.CrToken ? "compute-resource token" : "API key")} from {credential.Origin} ({credential.Fingerprint}), traded with IAM for a token"
            : "the VPC instance identity, traded with the metadata service for a token");
        var now = context.Time.GetUtcNow();
        if (services.TokenCache.Peek(TokenService.CacheKey(plan.Exchange)) is { } cached)
        {
            Add("cached token", cached.IsUsable(now)
                ? $"valid for {Duration(cached.ExpiresAt - now)}, renewed after {Duration(cached.RenewAt - now)}"
                : "expired; the next get asks IAM");
        }
        else
        {
            Add("cached token", "none");
        }
        try
        {
            using var deadline = new Deadline(services.Settings.Timeout.Value, context.Time);
            var token = plan.Exchange.FetchAsync(deadline).GetAwaiter().GetResult();
            return Say("IAM exchange", $"ok: a token valid for {Duration(token.ExpiresAt - context.Time.GetUtcNow())}");
        }
        catch (HelperException error)
        {
            return Fail("IAM exchange", error.Message);
        }
    }

    private bool Keystore(RegistryHost host)
    {
        try
        {
            return services.Keystore.Value.Find(host) is { } stored
                ? Say("credentials", $"keystore entry for {host}, user {stored.Username} (from docker, podman, buildah or skopeo login)")
                : Fail("credentials", $"none: no API key or compute-resource token in the environment and no keystore entry, so get answers not found; set {SettingsTable.ApiKey.Variable}, or log in with docker login");
        }
        catch (HelperException error)
        {
            return Fail("credentials", error.Message);
        }
    }

    /// <summary>Which store <c>store</c> writes to and <c>get</c> reads, and whether it can be reached now.</summary>
    private void KeystoreInUse()
    {
        var choice = services.Settings.Keystore;
        if (choice.Problem is { } problem)
        {
            Fail("keystore", problem);
            return;
        }
        var store = $"{SettingParsers.Name(choice.Value)} (from {choice.Origin})";
        try
        {
            Add("keystore", $"{store}: {services.Keystore.Value.Check()}");
        }
        catch (HelperException error)
        {
            Fail("keystore", $"{store}: {error.Message}");
        }
    }

    private void Files()
    {
        Add("config file", services.Settings.ConfigFile is { } file ? WithMode(file) : "none");
        KeystoreInUse();
        Add("token cache", WithMode(services.Paths.CacheFolder));
        Add("log", WithMode(Path.Combine(services.Paths.StateFolder, HelperLog.FileName)));
    }

    /// <summary>Whether each file the clients read sends the host to the helper, or holds a login that shadows it.</summary>
    private void ClientFiles(RegistryHost host)
    {
        var files = new AuthFiles(context.Environment, services.Paths);
        var login = files.ContainersLogin(context.UserId);
        Client("docker", files.Docker, host);
        Client("containers", files.Containers, host);
        if (login != files.Containers)
            Client("containers logins", login, host);
        LegacyDockerFile(files.LegacyDocker, host);
    }

    /// <summary>podman, buildah and skopeo still read docker's pre-2015 file, last: a login there is used whenever the helper has nothing for the host.</summary>
    private void LegacyDockerFile(string path, RegistryHost host)
    {
        if (!File.Exists(path))
            return;
        try
        {
            foreach (var key in AuthFile.Read(path).TopLevelLoginKeys.Where(key => RegistryHost.TryParse(key, out var stored) && stored == host))
                Add("legacy login", $"{path}: holds a login for {key} that podman, buildah and skopeo may use instead of the helper; remove that entry", Problem: true);
        }
        catch (HelperException error)
        {
            Add("legacy login", error.Message, Problem: true);
        }
    }

    private void Client(string name, string path, RegistryHost host)
    {
        AuthFile file;
        try
        {
            file = AuthFile.Read(path);
        }
        catch (HelperException error)
        {
            Fail(name, error.Message);
            return;
        }
        if (file.Original is null)
        {
            Add(name, $"{path}: missing; run docker-credential-ibmtp configure", Problem: true);
            return;
        }
        var helper = file.CredHelpers.GetValueOrDefault(host.ToString());
        Add(name, helper == HelperInfo.CredHelperName
            ? $"{path}: names the helper for {host}"
            : $"{path}: does not name the helper for {host}; run docker-credential-ibmtp configure --registries {host}", helper != HelperInfo.CredHelperName);
        foreach (var key in file.StoredLoginKeys.Where(key => RegistryHost.TryParse(key, out var stored) && stored == host))
        {
            var why = key.Contains("://", StringComparison.Ordinal)
                ? "a login docker 20.10 wrote under the full address, bypassing the helper; log in with the bare host"
                : "a stored login the clients may use instead of the helper";
            Add($"{name} login", $"{path}: auths has {key}: {why}; remove that entry (or run docker logout {key}), then log in again", Problem: true);
        }
    }

    /// <summary>A value in a profile variable that is not shaped like one may be a secret pasted there by mistake, so it is not shown.</summary>
    private static bool LooksLikeAProfile(TrustedProfile profile) => profile.Kind switch
    {
        TrustedProfileKind.Id => profile.Value.StartsWith("Profile-", StringComparison.Ordinal),
        TrustedProfileKind.Crn => profile.Value.StartsWith("crn:", StringComparison.OrdinalIgnoreCase),
        TrustedProfileKind.Name => true,
    };

    private static string WithMode(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
            return $"{path} ({FileModeText.Of(path)})";
        return $"{path} (not there yet)";
    }

    private static string Describe(CredentialMode mode) => mode switch
    {
        CredentialMode.Auto => "auto",
        CredentialMode.ApiKey => "apikey",
        CredentialMode.Token => "token",
        CredentialMode.CrToken => "cr-token",
        CredentialMode.Vpc => "vpc",
    };

    private static string Duration(TimeSpan span) =>
        span <= TimeSpan.Zero ? "0s"
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s");

    private void Add(string name, string value, bool Problem = false) => _facts.Add(new Fact(name, value, Problem));

    private bool Say(string name, string value)
    {
        Add(name, value);
        return true;
    }

    private bool Fail(string name, string value)
    {
        Add(name, value, Problem: true);
        return false;
    }
}
