using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>
/// When the VM runs: only inside one of its windows, in the given time zone (daylight saving time included). Outside
/// every window the operator stops it; spec.powerState: Stopped always wins.
/// </summary>
public sealed class PowerSchedule
{
    /// <summary>An IANA time zone, e.g. Europe/Berlin or Asia/Kolkata; the windows' times are local to it.</summary>
    [JsonPropertyName("timeZone")]
    [Required]
    [Length(1, 64)]
    [Pattern(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")]
    public string TimeZone { get; set; } = "";

    /// <summary>When the VM runs; a window whose stop is earlier than its start runs across midnight into the next day.</summary>
    [JsonPropertyName("windows")]
    [Required]
    [Items(minItems: 1, maxItems: 7)]
    public IList<PowerWindow> Windows { get; set; } = [];
}

/// <summary>One running window, on the given days, from start to stop (local times of the schedule's time zone).</summary>
[ValidationRule("self.start != self.stop", fieldPath: ".stop", message: "stop must differ from start (a window of 24 hours is a VM without schedule)")]
public sealed class PowerWindow
{
    /// <summary>The days the window starts on.</summary>
    [JsonPropertyName("days")]
    [Required]
    [Items(minItems: 1, maxItems: 7)]
    [ListType(ListType.Set)]
    public IList<Weekday> Days { get; set; } = [];

    /// <summary>Local start time, HH:MM (24-hour clock).</summary>
    [JsonPropertyName("start")]
    [Required]
    [Pattern(TimeOfDay)]
    public string Start { get; set; } = "";

    /// <summary>Local stop time, HH:MM (24-hour clock); earlier than start means the next day.</summary>
    [JsonPropertyName("stop")]
    [Required]
    [Pattern(TimeOfDay)]
    public string Stop { get; set; } = "";

    private const string TimeOfDay = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
}

/// <summary>A day of the week.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Weekday>))]
public enum Weekday
{
    /// <summary>Monday.</summary>
    Mon,

    /// <summary>Tuesday.</summary>
    Tue,

    /// <summary>Wednesday.</summary>
    Wed,

    /// <summary>Thursday.</summary>
    Thu,

    /// <summary>Friday.</summary>
    Fri,

    /// <summary>Saturday.</summary>
    Sat,

    /// <summary>Sunday.</summary>
    Sun,
}

/// <summary>What happens when spec.expiresAt is reached.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExpiryAction>))]
public enum ExpiryAction
{
    /// <summary>The VM is stopped (and kept stopped until expiresAt is moved or removed).</summary>
    Stop,

    /// <summary>The VirtualMachine resource is deleted, which honours deletionProtection and deletionPolicy.</summary>
    Delete,
}
