using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Sessions;

/// <summary>
/// What <c>login</c> does with a passcode: starts the person's IAM session, reads who they are from the
/// token, and assumes the trusted profile at once, so that a profile that does not trust them fails now
/// and not at the next push. A session that already acts as a profile is kept as it is.
/// </summary>
public static class SignIn
{
    /// <summary>The new session and the profile's first token; throws a <see cref="HelperException"/> that says what to do, and then nothing was kept.</summary>
    public static async Task<(PersonSession Session, IamToken ProfileToken)> StartAsync(
        IPersonIam iam, Uri iamUrl, Secret passcode, TrustedProfile? profile, string? account, TimeProvider time, Deadline deadline)
    {
        var tokens = await iam.PasscodeAsync(passcode, account, deadline).ConfigureAwait(false);
        var person = AccessTokenClaims.Of(tokens.Access.AccessToken);
        if (!person.ActsAsProfile && profile is null)
            throw new HelperException($"{Named(person)} signed in, but no trusted profile is named to act as: set {SettingsTable.ProfileId.Variable} (or {SettingsTable.ProfileCrn.Variable}, or {SettingsTable.ProfileName.Variable} with {SettingsTable.AccountId.Variable}), or pick the profile on the passcode page, then run login again");

        IamToken profileToken;
        try
        {
            profileToken = person.ActsAsProfile ? tokens.Access : await iam.AssumeProfileAsPersonAsync(tokens.Access, profile!, deadline).ConfigureAwait(false);
        }
        catch (SessionEndedException ended)
        {
            throw new HelperException($"{Named(person)} signed in, but cannot act as trusted profile {profile}: {ended.Reason}");
        }

        var now = time.GetUtcNow();
        var session = new PersonSession(tokens.RefreshToken, tokens.SessionId ?? "", iamUrl, person.ActsAsProfile ? null : profile,
            account ?? person.Account, person.Name, person.IamId, now, now, person.ActsAsProfile);
        return (session, profileToken);
    }

    private static string Named(AccessTokenClaims person) => person.Name == person.IamId ? person.IamId : $"{person.Name} ({person.IamId})";
}
