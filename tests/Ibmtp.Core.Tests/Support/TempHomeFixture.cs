namespace Ibmtp.Tests.Support;

/// <summary>Gives each test its own <see cref="TempHome"/>, deleted after the test.</summary>
public abstract class TempHomeFixture
{
    protected TempHome Home { get; private set; } = null!;

    [SetUp]
    public void CreateHome() => Home = new TempHome();

    [TearDown]
    public void DeleteHome() => Home.Dispose();
}
