using Ibmtp.Frontends.Docker;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as keystore.json, beside the right key file. Every action answers within the protocol;
/// reading it never writes it; a keystore that cannot be read is left untouched by store too, since
/// it may hold logins the user can still recover; and after a store that succeeds it can be read.
/// </summary>
public sealed class KeystoreTarget : IFuzzTarget
{
    private readonly FuzzHome _home = new();

    public void Check(byte[] input)
    {
        _home.Reset();
        FuzzHome.WritePrivate(_home.KeystoreFile, input);
        var written = _home.Stored();

        var readable = Read("list", "").Succeeded;
        Read("get", FuzzHome.StoredHost);
        // Not served, so erase only looks for a login kept from when it was.
        Read("erase", "quay.io");

        var store = HelperCall.Run(_home.Environment, "store", $$"""{"{{DockerCredentials.ServerUrlField}}":"{{FuzzHome.StoredHost}}","{{DockerCredentials.UsernameField}}":"iamapikey","{{DockerCredentials.SecretField}}":"fuzz-new-api-key"}""")
            .RequireHandled();
        if (!readable)
        {
            written.RequireUnchangedBy(_home.Stored(), "store into a keystore that list could not read");
            if (store.Succeeded)
                throw new PropertyViolation("store succeeded on a keystore that list could not read");
        }
        else if (store.Succeeded)
        {
            Read("list", "").RequireSuccess("store has just written the keystore");
        }
    }

    private HelperOutcome Read(string action, string stdin)
    {
        var before = _home.Stored();
        var outcome = HelperCall.Run(_home.Environment, action, stdin).RequireHandled();
        before.RequireUnchangedBy(_home.Stored(), $"{action} {stdin}".TrimEnd());
        return outcome;
    }

    public void Dispose() => _home.Dispose();
}
