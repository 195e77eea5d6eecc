using Ibmtp.CommandLine;
using Ibmtp.Composition;
using Ibmtp.Platform;
using Ibmtp.Sessions;

namespace Ibmtp.Commands;

/// <summary>
/// <c>logout</c>: removes the person's sign-in session and its cached tokens. The logins that
/// <c>docker login</c> saved stay; <c>docker logout</c> erases those.
/// </summary>
public static class LogoutCommand
{
    private static readonly CommandSyntax Syntax = new("logout", "Signs the person out: removes the sign-in session and its cached tokens.", []);

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var person = new PersonCommand(context, "logout");
        return person.Parse(Syntax, args, out _) ?? person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            PersonSession? session;
            try
            {
                session = services.Sessions.Find();
            }
            catch (DamagedSessionException)
            {
                // Nothing in it can be trusted, not even whose it was: it goes, with the signed-in person's token.
                services.Sessions.Remove();
                services.PersonSessions.ForgetSignedIn();
                person.Say("removed a damaged sign-in session");
                return 0;
            }
            if (session is null)
            {
                person.Say("no one is signed in");
                return 0;
            }
            services.Sessions.Remove();
            services.PersonSessions.Forget(session);
            person.Say($"signed out {session.Person}");
            return 0;
        });
    }
}
