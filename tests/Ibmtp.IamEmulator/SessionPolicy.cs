namespace Ibmtp.Emulators;

/// <summary>An account's session policy: how long a person's sign-in session may last, and how long it may sit unused.</summary>
/// <param name="MaxLength">After this long from sign-in, refresh fails with BXNIM0408E.</param>
/// <param name="InactivityTimeout">After this long without a grant in the session, refresh fails with BXNIM0439E.</param>
public sealed record SessionPolicy(TimeSpan MaxLength, TimeSpan InactivityTimeout)
{
    /// <summary>IBM Cloud's defaults for an account that sets none: 24 hours at most, 2 hours of inactivity.</summary>
    public static readonly SessionPolicy Default = new(TimeSpan.FromHours(24), TimeSpan.FromHours(2));
}
