var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "ContactSync");
app.Run();
