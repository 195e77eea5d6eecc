using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Ibmtp.Emulators;

/// <summary>
/// The one-time passcodes the passcode page (or a test) has shown and no grant has redeemed yet. A passcode is good for
/// one passcode grant, before <see cref="EmulatorSettings.PasscodeLifetime"/> has passed on the emulator's clock.
/// </summary>
internal sealed class Passcodes(IdentityDirectory directory, EmulatorClock clock, EmulatorSettings settings, RequestCounters counters)
{
    // Letters and digits only, ten of them: what IAM's passcode page shows looks like that.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly ConcurrentDictionary<string, PendingPasscode> pending = new(StringComparer.Ordinal);

    /// <summary>
    /// A passcode for the person <paramref name="iamId"/>, whose session then acts as <paramref name="actingAsProfileId"/>
    /// when one is given (as the console lets a federated person pick a profile first); null, with the reason, when the
    /// person is unknown or the profile is unknown or does not trust them.
    /// </summary>
    public string? TryIssue(string iamId, string? actingAsProfileId, out string? refusal)
    {
        if (!directory.TryFindPerson(iamId, out var person))
        {
            refusal = $"no person '{iamId}' is registered";
            return null;
        }

        if (actingAsProfileId is not null)
        {
            var profile = directory.FindProfile(ProfileReference.ById(actingAsProfileId));
            if (profile is null)
            {
                refusal = $"no trusted profile '{actingAsProfileId}' is registered";
                return null;
            }

            if (!profile.Trusts(person, clock.UtcNow, out _))
            {
                refusal = $"trusted profile '{actingAsProfileId}' does not trust '{iamId}'";
                return null;
            }
        }

        var code = RandomNumberGenerator.GetString(Alphabet, 10);
        pending[code] = new PendingPasscode(person.IamId, actingAsProfileId, clock.UtcNow + settings.PasscodeLifetime);
        counters.CountPasscodeIssued();
        refusal = null;
        return code;
    }

    /// <summary>Takes <paramref name="code"/> out of the pending ones: false when it was never shown, already used or has expired.</summary>
    public bool TryRedeem(string code, [NotNullWhen(true)] out PendingPasscode? passcode)
    {
        if (pending.TryRemove(code, out passcode) && clock.UtcNow < passcode.ExpiresAt)
        {
            return true;
        }

        passcode = null;
        return false;
    }
}

/// <summary>A passcode not yet redeemed: whose it is, the profile its session acts as (if any), and until when it is good.</summary>
internal sealed record PendingPasscode(string PersonIamId, string? ProfileId, DateTimeOffset ExpiresAt);
