// Live updates over /ws/live/: owned by the events app.
