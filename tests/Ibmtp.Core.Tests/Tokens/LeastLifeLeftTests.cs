using Ibmtp.Tokens;

namespace Ibmtp.Tests.Tokens;

[TestFixture]
public sealed class LeastLifeLeftTests
{
    [TestCase(240, 15.0)]
    [TestCase(60, 15.0)]
    [TestCase(30, 15.0)]
    [TestCase(29, 14.5)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public void A_token_keeps_15_minutes_or_half_its_life_when_IAM_granted_less_than_30_minutes(int lifetimeMinutes, double leastLeftMinutes)
    {
        Assert.That(LeastLifeLeft.For(TimeSpan.FromMinutes(lifetimeMinutes)), Is.EqualTo(TimeSpan.FromMinutes(leastLeftMinutes)));
    }
}
