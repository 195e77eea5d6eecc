using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>One place settings come from, added to a configuration as its own source; it says where its values came from.</summary>
internal interface ISettingLayer : IConfigurationSource, IConfigurationProvider
{
    /// <summary>Where the value of <paramref name="key"/> came from, as <c>doctor</c> prints it.</summary>
    string Origin(string key);

    /// <summary>How a message names the value of <paramref name="key"/>.</summary>
    string Described(string key);
}
