using System.Text;
using Ibmtp.CommandLine;
using Ibmtp.Composition;
using Ibmtp.Hosts;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Sessions;

namespace Ibmtp.Commands;

/// <summary>
/// <c>login [host]</c>: a person signs in with a one-time passcode from IBM Cloud's passcode page (IBMid
/// or the company's SSO), acts as the trusted profile at once, and keeps the session in the keystore in
/// use; <c>get</c> then renews it on demand, with no API key anywhere.
/// </summary>
public static class LoginCommand
{
    private const string DefaultHost = "us.icr.io";

    // A passcode is a few dozen characters; anything much longer on stdin is not one.
    private const int LongestPasscode = 1024;

    private static readonly CommandOption PasscodeStdinOption = new("--passcode-stdin", "read the one-time passcode from stdin instead of the terminal (for scripts and tests)");
    private static readonly CommandOption AccountOption = new("--account", "sign in to this account (its ID), when you belong to several", OptionValue.Required, "id");

    private static readonly CommandSyntax Syntax = new("login", "Signs a person in to IBM Cloud with a one-time passcode and acts as the trusted profile, with no API key.", [PasscodeStdinOption, AccountOption])
    {
        Argument = new("host", "the registry whose settings name the trusted profile and IAM", DefaultHost),
    };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var person = new PersonCommand(context, "login");
        return person.Parse(Syntax, args, out var parsed) ?? person.Run(() =>
        {
            if (!RegistryHost.TryParse(parsed.Argument!, out var host))
                throw new HelperException($"'{parsed.Argument}' is not a registry host");
            using var services = HelperServices.Create(context);
            var settings = services.Settings.For(host);
            var iamUrl = settings.IamUrl.Value;
            using var iam = services.ConnectPersonIam(iamUrl);
            using var deadline = new Deadline(services.Settings.Timeout.Value, context.Time);

            // The keystore is reached before IAM spends the passcode, and a damaged session is replaced, not read.
            var replaced = SessionOrNothing(services.Sessions, person);
            var page = iam.PasscodeEndpointAsync(deadline).GetAwaiter().GetResult();
            person.Say($"Get a one-time passcode at {page.AbsoluteUri}");
            if (!parsed.Has(PasscodeStdinOption) && Browser.TryOpen(context.Environment, page))
                person.Say("(opened in your browser)");
            var passcode = ReadPasscode(context, parsed.Has(PasscodeStdinOption));

            var (session, token) = SignIn.StartAsync(iam, iamUrl, passcode, settings.Profile.Value, parsed.Value(AccountOption), context.Time, deadline)
                .GetAwaiter().GetResult();
            services.Sessions.Save(session);
            if (replaced is not null)
                services.PersonSessions.Forget(replaced);
            services.PersonSessions.Started(session, token);

            var actingAs = session.ActsAsProfile ? "the trusted profile chosen on the passcode page" : $"trusted profile {session.Profile}";
            person.Say($"signed in as {session.Person}, acting as {actingAs}");
            person.Say($"its token is good until {token.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm zzz}; get renews it on demand until your account's session policy ends the sign-in (then run login again)");
            return 0;
        });
    }

    /// <summary>The session kept now, or null; a damaged one is only warned about, since this login replaces it.</summary>
    private static PersonSession? SessionOrNothing(SessionStore sessions, PersonCommand person)
    {
        try
        {
            return sessions.Find();
        }
        catch (DamagedSessionException damaged)
        {
            person.Warn($"{damaged.Message.Split(';')[0]}: this login replaces it");
            return null;
        }
    }

    private static Secret ReadPasscode(HelperContext context, bool fromStdin)
    {
        string? text;
        if (fromStdin)
        {
            var bytes = BoundedInput.Read(context.Input, LongestPasscode)
                ?? throw new HelperException($"stdin holds more than {LongestPasscode} bytes, which is no passcode");
            text = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            text = context.Terminal?.ReadHidden("Passcode: ")
                ?? throw new HelperException("there is no terminal to read the passcode from: pipe it in with --passcode-stdin");
        }
        text = text.Trim();
        if (text.Length == 0)
            throw new HelperException("no passcode was given: copy the one the passcode page shows");
        return new Secret(text);
    }
}
