using System.Text;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>Bad input gets one line and exit 1, never a stack trace, and nothing stored changes.</summary>
[TestFixture]
public class BadInputTests : TempHomeFixture
{
    private const int InputLimit = 16 * 1024;

    private static readonly byte[] BinaryGarbage = [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x80, 0x1B, 0x5B, 0x32, 0x4A, 0xF0, 0x9F];

    private IReadOnlyDictionary<string, string> _storedBefore = null!;

    [SetUp]
    public void SaveALogin()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "secret-1"));
        _storedBefore = TempHome.Fingerprint(Home.Paths.DataFolder);
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        yield return Case("store", "not json", "invalid JSON");
        yield return Case("store", """{"ServerURL":"us.icr.io","Username":"u",""", "truncated JSON");
        yield return Case("store", "null", "JSON null");
        yield return Case("store", "[]", "a JSON array");
        yield return Case("store", "\"us.icr.io\"", "a JSON string");
        yield return Case("store", "{}", "no fields");
        yield return Case("store", """{"ServerURL":"us.icr.io","Secret":"s"}""", "no Username");
        yield return Case("store", """{"Username":"u","Secret":"s"}""", "no ServerURL");
        yield return Case("store", """{"ServerURL":"us.icr.io","Username":"u"}""", "no Secret");
        yield return Case("store", """{"ServerURL":443,"Username":"u","Secret":"s"}""", "a number for ServerURL");
        yield return Case("store", """{"ServerURL":"us.icr.io","Username":["u"],"Secret":"s"}""", "an array for Username");
        yield return Case("store", """{"ServerURL":"us.icr.io","Username":"u","Secret":{"value":"s"}}""", "an object for Secret");
        yield return Case("store", """{"ServerURL":"us.icr.io","Username":"u","Secret":true}""", "a boolean for Secret");
        yield return Case("store", BinaryGarbage, "binary garbage");
        yield return Case("store", [.. "{\"ServerURL\":\"us.icr.io\",\"Username\":\""u8, 0xC3, 0x28, .. "\",\"Secret\":\"s\"}"u8], "invalid UTF-8 inside a JSON string");
        yield return Case("store", HelperRun.CredentialsJson("us.icr.io", "u", new string('s', InputLimit)), "valid JSON over the size limit");
        yield return Case("get", BinaryGarbage, "binary garbage");
        yield return Case("get", "us.icr.io" + new string(' ', InputLimit), "over the size limit");
        yield return Case("erase", BinaryGarbage, "binary garbage");
        yield return Case("erase", "us.icr.io" + new string(' ', InputLimit), "over the size limit");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Bad_input_fails_with_one_line_and_changes_nothing_stored(string action, byte[] stdin)
    {
        var result = HelperRun.Run(Home, [action], stdin);

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Is.Not.EqualTo("credentials not found in native keychain\n"));
        Assert.That(TempHome.Fingerprint(Home.Paths.DataFolder), Is.EqualTo(_storedBefore));
    }

    [TestCase("frobnicate")]
    [TestCase("")]
    public void A_bad_action_fails_with_one_line_and_changes_nothing_stored(string action)
    {
        var result = HelperRun.Run(Home, [action], "{}"u8.ToArray());

        HelperAssert.OneLineFailure(result);
        Assert.That(TempHome.Fingerprint(Home.Paths.DataFolder), Is.EqualTo(_storedBefore));
    }

    [Test]
    public void Input_is_read_only_up_to_the_limit_from_a_writer_that_never_stops()
    {
        var endless = new EndlessInput();

        var result = HelperRun.Run(Home.Environment, ["store"], endless);

        HelperAssert.OneLineFailure(result);
        Assert.That(endless.BytesRead, Is.LessThanOrEqualTo(4 * InputLimit));
    }

    private static TestCaseData Case(string action, string stdin, string description) =>
        Case(action, Encoding.UTF8.GetBytes(stdin), description);

    private static TestCaseData Case(string action, byte[] stdin, string description) =>
        new TestCaseData(action, stdin).SetArgDisplayNames(action, description);
}
