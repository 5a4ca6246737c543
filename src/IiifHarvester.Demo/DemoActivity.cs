namespace IiifHarvester.Demo;

/// <summary>One activity of the demo stream.</summary>
/// <param name="Type">Create, Update or Delete.</param>
/// <param name="ObjectId">The manifest or collection.</param>
/// <param name="ObjectType">Its type.</param>
/// <param name="EndTime">When it happened.</param>
public sealed record DemoActivity(DemoActivityType Type, string ObjectId, string ObjectType, DateTimeOffset EndTime);
