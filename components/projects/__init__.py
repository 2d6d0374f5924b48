"""Project workspaces: self-serve team spaces under a hub (seed 000).

``config`` is a ``projects`` entry of a stack file and the ProjectWorkspace's spec, ``args`` its
args, ``component`` the ProjectWorkspace."""
