from claimgraph.cli import app

app(prog_name="claimgraph")
