"""glutecoach: a command-line coach for glute training, built on published EMG and training studies."""

__version__ = "0.1.0"
