"""The parts of kustomize that deploy/k8s uses, for render.py (see its docstring)."""
