namespace NeevCloud.Operator.Hosting;

/// <summary>
/// The switches of the operator's sub-commands (plan, export): each a name and a value ("-n ml"), aliases sharing
/// the first name as key, and optionally configuration settings passed through whole ("--NeevCloud:VmUrl=…").
/// Anything else, or a name without a value, is a usage error: a typo must not be taken for a default.
/// </summary>
internal sealed class CommandSwitches
{
    private readonly Dictionary<string, string> _values;

    private CommandSwitches(Dictionary<string, string> values, IReadOnlyList<string> settings) =>
        (_values, Settings) = (values, settings);

    /// <summary>The switches that start with the settings prefix, in order, for a configuration builder.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The value given for a switch, by its first name; null when it was not given.</summary>
    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <param name="args">The command's arguments (after its name).</param>
    /// <param name="settingsPrefix">Switches starting with this are configuration settings; null: none are.</param>
    /// <param name="names">Each switch: its names, the first being the key.</param>
    /// <returns>The switches, or null for a usage error.</returns>
    public static CommandSwitches? Parse(IReadOnlyList<string> args, string? settingsPrefix, params string[][] names)
    {
        var keys = names.SelectMany(aliases => aliases.Select(alias => (alias, key: aliases[0]))).ToDictionary(p => p.alias, p => p.key, StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (settingsPrefix is not null && args[i].StartsWith(settingsPrefix, StringComparison.Ordinal))
            {
                settings.Add(args[i]);
            }
            else if (keys.TryGetValue(args[i], out var key) && i + 1 < args.Count)
            {
                values[key] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return new CommandSwitches(values, settings);
    }
}
